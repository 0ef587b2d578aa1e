namespace MockExams.Exams;

/// <summary>
/// Creates mock exams. An exam's grain is keyed by its HubSpot id, which exists only once HubSpot has created the
/// record, so creation happens here (a stateless worker) and the new exam's grain then takes it over.
/// </summary>
[Alias("mockexams.IExamCreatorGrain")]
public interface IExamCreatorGrain : IGrainWithIntegerKey
{
    /// <summary>Creates the exam in HubSpot, then in the replica through the new exam's grain.</summary>
    Task<ExamWriteOutcome> CreateAsync(NewExamRequest request, CancellationToken cancellationToken = default);
}
