namespace MockExams.Grains.Exams;

/// <summary>
/// The exam grain's persisted state (storage "grain-state", ETag-checked): the intent journal and what is still owed
/// to HubSpot or the replica. Admission state is not here: the replica holds it and the grain loads it.
/// </summary>
[GenerateSerializer, Alias("mockexams.MockExamState")]
public sealed class MockExamState
{
    /// <summary>Flushes whose writes HubSpot or the replica may not hold yet, oldest first.</summary>
    [Id(0)] public List<WriteIntent> Intents { get; set; } = [];

    /// <summary>The exam's <c>total_bookings</c> in HubSpot lags its active bookings (the update is coalesced).</summary>
    [Id(1)] public bool TotalBookingsOwed { get; set; }

    /// <summary>An exam write reached HubSpot but maybe not the replica: re-read the exam from HubSpot on recovery.</summary>
    [Id(2)] public bool ExamResyncOwed { get; set; }

    /// <summary>
    /// Deleting the exam's cache keys failed after a write (Redis unreachable): until it succeeds no activation may serve
    /// the exam from the cache, and the owed reminder wakes the exam to retry even if its silo dies meanwhile.
    /// </summary>
    [Id(3)] public bool CacheInvalidationOwed { get; set; }

    public bool Settled => Intents is [] && !TotalBookingsOwed && !ExamResyncOwed && !CacheInvalidationOwed;
}
