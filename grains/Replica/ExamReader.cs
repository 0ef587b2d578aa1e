using System.Text;
using Npgsql;

namespace MockExams.Grains.Replica;

/// <summary>
/// Reads exam responses from the replica. Postgres builds the JSON itself (<c>row_to_json</c> keeps the
/// replica's snake_case columns in table order), so a miss costs one query and no object mapping.
/// </summary>
public sealed class ExamReader(NpgsqlDataSource dataSource, ReplicaMetrics metrics)
{
    /// <summary>The seed's <c>{"success": true, "exam": {...}}</c> body, or null when absent or soft-deleted.</summary>
    public async Task<byte[]?> GetExamBodyAsync(string examId, CancellationToken cancellationToken)
    {
        const string sql = """
            select json_build_object('success', true, 'exam', row_to_json(e))::text
            from public.hubspot_mock_exams e
            where e.hubspot_id = $1 and e.deleted_at is null
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = examId });
        metrics.QueryExecuted("exam");
        var json = (string?)await command.ExecuteScalarAsync(cancellationToken);
        return json is null ? null : Encoding.UTF8.GetBytes(json);
    }
}
