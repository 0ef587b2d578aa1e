namespace MockExams.Exams;

/// <summary>
/// A student asks for a seat on the exam the grain is keyed by. <see cref="IdempotencyKey"/> and
/// <see cref="RequestHash"/> come from the client's <c>Idempotency-Key</c> header and the request body: a repeat
/// with the same key gets the first answer, the same key with another body is refused.
/// <see cref="KeyMadeByApi"/>: the client sent no key, so the api made one for this one HTTP request, to send the call
/// again across a lost answer or a silo's death (api/Cluster/GrainCallRetry.cs). Such a key is never sent again once
/// any attempt was answered, so every attempt that still arrives gets that first answer, "retry later" included: see
/// <c>MockExamGrain.Keys.cs</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("mockexams.BookingRequest")]
public sealed record BookingRequest(
    [property: Id(0)] string ContactId,
    [property: Id(1)] string StudentId,
    [property: Id(2)] string StudentName,
    [property: Id(3)] string StudentEmail,
    [property: Id(4)] string DominantHand,
    [property: Id(5)] string AttendingLocation,
    [property: Id(6)] string? IdempotencyKey = null,
    [property: Id(7)] string? RequestHash = null,
    [property: Id(8)] bool KeyMadeByApi = false);
