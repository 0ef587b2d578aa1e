namespace MockExams.Exams;

/// <summary>
/// An exam grain's answer to a read that may name the copy the caller already holds (a conditional read, like
/// HTTP's If-None-Match between the api and the grain): the body, "your copy is current", or "no such exam".
/// The caller may serve a copy it holds only on the grain's word, so every read still goes through the grain,
/// which alone knows when the exam changes.
/// </summary>
[GenerateSerializer, Immutable, Alias("mockexams.ExamRead")]
public sealed record ExamRead(
    [property: Id(0)] bool Found,
    [property: Id(1)] JsonBody? Body,
    [property: Id(2)] Guid? CopyId)
{
    /// <summary>The exam is absent or soft-deleted.</summary>
    public static ExamRead NotFound { get; } = new(false, null, null);

    /// <summary>The copy the caller named is current: serve it (no body crosses the wire).</summary>
    public bool Unchanged => Found && Body is null;

    /// <summary>The body; <paramref name="copyId"/> names the grain's copy of it, or is null when the grain keeps none (do not keep it either).</summary>
    public static ExamRead Fresh(JsonBody body, Guid? copyId) => new(true, body, copyId);

    public static ExamRead Current(Guid copyId) => new(true, null, copyId);
}
