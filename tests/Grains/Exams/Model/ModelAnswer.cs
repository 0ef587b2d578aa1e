namespace MockExams.Tests.Grains.Exams.Model;

/// <summary>What a client was told about one booking (a book or a cancel).</summary>
/// <param name="Kind">Done (booked / cancelled), Refused (a 4xx), Retry (503) or Unknown (no answer: the call failed).</param>
public sealed record ModelAnswer(string Op, int Exam, string ContactId, string? BookingId, AnswerKind Kind, string Detail)
{
    public override string ToString() => $"{Op} e{Exam} contact {ContactId}{(BookingId is null ? "" : $" booking {BookingId}")}: {Kind} {Detail}";
}

public enum AnswerKind
{
    Done,
    Refused,
    Retry,
    Unknown,
}
