namespace MockExams.Sync;

/// <summary>
/// Records the replica refused (a data error it could not store) and set aside so everything else moves on; each
/// stays until a later write of it succeeds (force sync of its exam, or sync reading it again after a fix).
/// </summary>
/// <param name="Count">How many records are quarantined.</param>
/// <param name="Records">The most recently seen ones (up to <see cref="ListedAtMost"/>).</param>
[GenerateSerializer, Immutable, Alias("mockexams.QuarantineStatus")]
public sealed record QuarantineStatus(
    [property: Id(0)] int Count,
    [property: Id(1)] IReadOnlyList<QuarantinedRecord> Records)
{
    public const int ListedAtMost = 50;

    public static readonly QuarantineStatus None = new(0, []);
}
