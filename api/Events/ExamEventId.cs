using System.Globalization;

namespace MockExams.Api.Events;

/// <summary>
/// An event id, <c>{epoch}.{sequence}</c>: the epoch names one unbroken run of this api process hearing changes,
/// the sequence orders the changes it heard. A <c>Last-Event-ID</c> of another epoch (another api process, or a
/// run broken by a Redis outage) cannot be resumed from: its client gets a fresh snapshot.
/// </summary>
internal readonly record struct ExamEventId(string Epoch, long Sequence)
{
    public override string ToString() => $"{Epoch}.{Sequence.ToString(CultureInfo.InvariantCulture)}";

    public static ExamEventId? Parse(string? value)
    {
        var dot = value?.LastIndexOf('.') ?? -1;
        if (value is null || dot < 1)
        {
            return null;
        }

        return long.TryParse(value.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? new ExamEventId(value[..dot], sequence)
            : null;
    }
}
