using System.Security.Claims;
using Npgsql;

namespace MockExams.Api.Bookings;

/// <summary>
/// Idempotency-Keys belong to one caller (the token's subject) and one operation, and are claimed in the replica by the
/// first request that uses them before that request is decided: the same key sent at once for another request (another
/// exam, another body) is refused, so it can neither book twice nor be answered with the other request's result.
/// </summary>
public sealed class IdempotencyClaims(NpgsqlDataSource dataSource)
{
    private const string ClaimSql = """
        insert into public.idempotency_claims (key, request_hash) values ($1, $2)
        on conflict (key) do update set request_hash = excluded.request_hash, created_at = now(),
          expires_at = now() + interval '24 hours'
        where idempotency_claims.expires_at <= now()
        """;

    private const string HolderSql = "select request_hash from public.idempotency_claims where key = $1";

    /// <summary>The key as stored: operation, caller, then the client's key, so no two callers or operations share one.</summary>
    public static string Scope(ClaimsPrincipal caller, string operation, string key) =>
        $"{operation}:{caller.FindFirstValue(ClaimTypes.NameIdentifier) ?? caller.FindFirstValue("sub") ?? "-"}:{key}";

    /// <summary>True when the key is free or already held by this same request (same body); false when another holds it.</summary>
    public async Task<bool> TryClaimAsync(string scopedKey, string requestHash, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(ClaimSql)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = scopedKey }, new NpgsqlParameter<string> { TypedValue = requestHash } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(HolderSql) { Parameters = { new NpgsqlParameter<string> { TypedValue = scopedKey } } });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && string.Equals(reader.GetString(0), requestHash, StringComparison.Ordinal);
    }
}
