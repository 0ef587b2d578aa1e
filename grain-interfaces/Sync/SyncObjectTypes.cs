namespace MockExams.Sync;

/// <summary>The object types sync tracks, as <c>sync_state.object_type</c> names them (the replica table names).</summary>
public static class SyncObjectTypes
{
    public const string Exams = "mock_exams";
    public const string Bookings = "bookings";

    public static readonly IReadOnlyList<string> All = [Exams, Bookings];
}
