using MockExams.Sync;
using Npgsql;
using NpgsqlTypes;

namespace MockExams.Grains.Replica;

/// <summary>
/// <c>webhook_events</c>: HubSpot webhook events, each stored once whatever HubSpot redelivers, then marked applied.
/// Storing is all the webhook request waits for, so HubSpot gets its answer well within its 5-second timeout.
/// </summary>
public sealed class WebhookInbox(NpgsqlDataSource dataSource)
{
    /// <summary>Stores the events not seen before; answers how many were new.</summary>
    public async Task<int> AddAsync(IReadOnlyList<WebhookEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return 0;
        }

        var unique = events.DistinctBy(e => e.DedupeKey, StringComparer.Ordinal).ToList();
        await using var command = dataSource.CreateCommand("""
            insert into public.webhook_events
                (dedupe_key, event_id, subscription_type, object_type_id, object_id, occurred_at, property_name)
            select * from unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])
            on conflict (dedupe_key) do nothing
            """);
        command.Parameters.Add(Array(unique.Select(e => e.DedupeKey).ToArray(), NpgsqlDbType.Text));
        command.Parameters.Add(Array(unique.Select(e => e.EventId).ToArray(), NpgsqlDbType.Bigint));
        command.Parameters.Add(Array(unique.Select(e => e.SubscriptionType).ToArray(), NpgsqlDbType.Text));
        command.Parameters.Add(Array(unique.Select(e => e.ObjectTypeId).ToArray(), NpgsqlDbType.Text));
        command.Parameters.Add(Array(unique.Select(e => e.ObjectId).ToArray(), NpgsqlDbType.Text));
        command.Parameters.Add(Array(unique.Select(e => e.OccurredAt.UtcDateTime).ToArray(), NpgsqlDbType.TimestampTz));
        command.Parameters.Add(Array(unique.Select(e => e.PropertyName).ToArray(), NpgsqlDbType.Text));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The oldest pending events, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<PendingWebhookEvent>> PendingAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            select dedupe_key, coalesce(subscription_type, ''), object_type_id, coalesce(object_id, ''),
                   coalesce(occurred_at, received_at), attempts
            from public.webhook_events where applied_at is null
            order by received_at limit $1
            """);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<PendingWebhookEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new PendingWebhookEvent(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                new DateTimeOffset(reader.GetFieldValue<DateTime>(4), TimeSpan.Zero), reader.GetInt32(5)));
        }
        return events;
    }

    public async Task MarkAppliedAsync(IReadOnlyCollection<string> dedupeKeys, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            update public.webhook_events set applied_at = now(), last_error = null where dedupe_key = any($1)
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. dedupeKeys] });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Counts a failed attempt; the events stay pending and are tried again on the next drain.</summary>
    public async Task MarkFailedAsync(IReadOnlyCollection<string> dedupeKeys, string error, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            update public.webhook_events set attempts = attempts + 1, last_error = $2 where dedupe_key = any($1)
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. dedupeKeys] });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = error });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<WebhookInboxStatus> StatusAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            select count(*), count(applied_at), max(received_at), max(applied_at) from public.webhook_events
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var received = reader.GetInt64(0);
        var applied = reader.GetInt64(1);
        return new WebhookInboxStatus(
            received, applied, received - applied,
            reader.IsDBNull(2) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(2), TimeSpan.Zero),
            reader.IsDBNull(3) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(3), TimeSpan.Zero));
    }

    /// <summary>
    /// Forgets applied events received before <paramref name="before"/>. HubSpot retries a delivery for at most
    /// 24 hours, so keys older than that can no longer come back.
    /// </summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            delete from public.webhook_events where applied_at is not null and received_at < $1
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = before.UtcDateTime });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Array<T>(T[] values, NpgsqlDbType type) =>
        new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | type };
}
