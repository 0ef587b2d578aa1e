using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MockExams.Exams;
using MockExams.Grains.Replica;
using MockExams.Sync;

namespace MockExams.Grains.Sync;

/// <summary>
/// Hands records HubSpot already holds (incremental sync, webhooks, reconcile repairs) to their exam grains, one call
/// per exam, so each goes through that exam's write queue and never races a user's write to it.
/// </summary>
public sealed partial class RemoteChangeApplier(
    IGrainFactory grains, SyncReader reader, IOptions<SyncOptions> options, ILogger<RemoteChangeApplier> logger)
{
    public async Task<AppliedChanges> ApplyAsync(
        IReadOnlyCollection<ExamRecord> exams, IReadOnlyCollection<BookingRecord> bookings, CancellationToken cancellationToken)
    {
        if (exams.Count == 0 && bookings.Count == 0)
        {
            return AppliedChanges.None;
        }

        var routed = await RouteAsync(bookings, cancellationToken);
        var byExam = new Dictionary<string, (ExamRecord? Exam, List<BookingRecord> Bookings)>(StringComparer.Ordinal);
        foreach (var exam in exams.GroupBy(e => e.HubSpotId, StringComparer.Ordinal).Select(g => g.MaxBy(e => e.LastModifiedAt)!))
        {
            byExam[exam.HubSpotId] = (exam, []);
        }
        foreach (var booking in routed.Bookings)
        {
            if (!byExam.TryGetValue(booking.MockExamId, out var entry))
            {
                byExam[booking.MockExamId] = entry = (null, []);
            }
            entry.Bookings.Add(booking);
        }

        await Parallel.ForEachAsync(
            byExam,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.ApplyParallelism, CancellationToken = cancellationToken },
            async (entry, ct) =>
            {
                var changes = new RemoteChanges(entry.Value.Exam, entry.Value.Bookings);
                await grains.GetGrain<IMockExamGrain>(entry.Key).ApplyRemoteChangesAsync(changes, ct);
            });

        return new AppliedChanges(byExam.Values.Count(e => e.Exam is not null), routed.Bookings.Count, routed.Unroutable);
    }

    // A booking names its exam in mock_exam_id; when HubSpot's record lacks it, the replica may know it.
    private async Task<(List<BookingRecord> Bookings, int Unroutable)> RouteAsync(
        IReadOnlyCollection<BookingRecord> bookings, CancellationToken cancellationToken)
    {
        var newest = bookings.GroupBy(b => b.HubSpotId, StringComparer.Ordinal).Select(g => g.MaxBy(b => b.LastModifiedAt)!).ToList();
        var homeless = newest.Where(b => b.MockExamId is "").Select(b => b.HubSpotId).ToList();
        if (homeless.Count == 0)
        {
            return (newest, 0);
        }

        var known = (await reader.BookingsAsync(homeless, cancellationToken))
            .Where(b => b.MockExamId is not "")
            .ToDictionary(b => b.HubSpotId, b => b.MockExamId, StringComparer.Ordinal);
        var routed = new List<BookingRecord>(newest.Count);
        var unroutable = 0;
        foreach (var booking in newest)
        {
            if (booking.MockExamId is not "")
            {
                routed.Add(booking);
            }
            else if (known.TryGetValue(booking.HubSpotId, out var examId))
            {
                routed.Add(booking with { MockExamId = examId });
            }
            else
            {
                unroutable++;
                LogUnroutable(logger, booking.HubSpotId);
            }
        }
        return (routed, unroutable);
    }
}
