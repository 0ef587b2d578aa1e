using Npgsql;

namespace MockExams.Grains.Replica;

/// <summary>
/// Named leases in <c>sync_leases</c>: at most one holder per name until it releases or stops renewing. Backfill
/// takes one, so a silo's automatic backfill and <c>mockexams backfill</c> never copy at the same time.
/// </summary>
public sealed class SyncLeases(NpgsqlDataSource dataSource)
{
    /// <summary>Takes (or renews) the lease for <paramref name="ttl"/>; false while someone else holds it.</summary>
    public async Task<bool> TryAcquireAsync(string name, string owner, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            insert into public.sync_leases (name, owner, expires_at) values ($1, $2, now() + $3)
            on conflict (name) do update
            set owner = excluded.owner, expires_at = excluded.expires_at,
                acquired_at = case when sync_leases.owner = excluded.owner then sync_leases.acquired_at else now() end
            where sync_leases.owner = excluded.owner or sync_leases.expires_at < now()
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = ttl });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Who holds the lease now; null when nobody does.</summary>
    public async Task<string?> HolderAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            select owner from public.sync_leases where name = $1 and expires_at >= now()
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        return (string?)await command.ExecuteScalarAsync(cancellationToken);
    }

    public async Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("delete from public.sync_leases where name = $1 and owner = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
