namespace MockExams.Exams;

/// <summary>The single writer of one mock exam and its bookings. Key: the exam's HubSpot record id.</summary>
[Alias("mockexams.IMockExamGrain")]
public interface IMockExamGrain : IGrainWithStringKey
{
    /// <summary>
    /// The exam as the api answers it (the seed's <c>{"success": true, "exam": {...}}</c> envelope),
    /// from Redis, else the replica. Null when the exam is absent or soft-deleted.
    /// </summary>
    Task<JsonBody?> GetExamAsync(CancellationToken cancellationToken = default);
}
