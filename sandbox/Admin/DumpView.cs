namespace MockExams.Sandbox.Admin;

/// <summary>GET /__sandbox/dump: every record by type name (contacts, mock_exams, bookings).</summary>
public sealed record DumpView(IReadOnlyDictionary<string, List<DumpRecord>> Objects);
