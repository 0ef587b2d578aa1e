using Npgsql;

namespace MockExams.Grains.Replica;

/// <summary>
/// Whether Postgres refused a write because of the rows it carried (so writing them again fails again) rather than
/// because it could not be reached: SQLSTATE class 22 (data exception: bad encoding, value out of range),
/// 23 (integrity constraint) or 54 (program limit, e.g. an index row too large).
/// </summary>
public static class ReplicaDataError
{
    public static bool Is(PostgresException exception) =>
        exception.SqlState.StartsWith("22", StringComparison.Ordinal)
        || exception.SqlState.StartsWith("23", StringComparison.Ordinal)
        || exception.SqlState.StartsWith("54", StringComparison.Ordinal);

    public static string Describe(PostgresException exception) => $"{exception.SqlState}: {exception.MessageText}";
}
