namespace MockExams.Sync;

/// <summary>What one incremental sync pass did.</summary>
/// <param name="Ran">False when it did not run: the first backfill has not finished, or a pass was already running.</param>
/// <param name="Fetched">Record versions the search returned (both object types, overlap included).</param>
/// <param name="Applied">Records newer than the replica's, applied through the exam grains.</param>
[GenerateSerializer, Immutable, Alias("mockexams.IncrementalSyncOutcome")]
public sealed record IncrementalSyncOutcome(
    [property: Id(0)] bool Ran,
    [property: Id(1)] int Fetched,
    [property: Id(2)] int Applied);
