using System.Data;
using MockExams.Tests.Fixtures;
using Npgsql;

namespace MockExams.Tests.Grains.Replica;

/// <summary>
/// Runs the stored Orleans queries the way the ADO.NET providers (10.x) do: texts from OrleansQuery,
/// parameters by name with the DbType the providers give them, results read by column name.
/// </summary>
public sealed class OrleansSchemaTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly string[] StorageKeys = ["WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey"];

    private static readonly string[] ReminderKeys =
    [
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key",
        "ReadRangeRows2Key", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public async Task OrleansQuery_HoldsEveryKeyTheStorageAndReminderProvidersRead()
    {
        var queries = await QueriesAsync();

        Assert.Superset(StorageKeys.Concat(ReminderKeys).ToHashSet(), queries.Keys.ToHashSet());
    }

    [Fact]
    public async Task GrainStorage_WriteReadClearDelete_FollowsTheETagContract()
    {
        var grain = new StorageKey(ServiceId: NewId(), N0: 42, N1: -7, Extension: null);

        Assert.Equal(1, await WriteAsync(grain, version: null, [1]));
        Assert.Null(await WriteAsync(grain, version: null, [9]));           // a second "first write": conflict
        Assert.Equal(new StoredState("01", 1), await ReadAsync(grain));
        Assert.Equal(2, await WriteAsync(grain, version: 1, [2]));
        Assert.Equal(1, await WriteAsync(grain, version: 1, [9]));          // stale ETag: answers it unchanged
        Assert.Equal(new StoredState("02", 2), await ReadAsync(grain));
        Assert.Equal(3, await ClearOrDeleteAsync("ClearStorageKey", grain, version: 2));
        Assert.Equal(new StoredState(null, 3), await ReadAsync(grain));
        Assert.Null(await ClearOrDeleteAsync("DeleteStorageKey", grain, version: 2));
        Assert.Equal(4, await ClearOrDeleteAsync("DeleteStorageKey", grain, version: 3));
        Assert.Null(await ReadAsync(grain));
        Assert.Equal(1, await WriteAsync(grain, version: null, [3]));
    }

    [Fact]
    public async Task GrainStorage_KeyExtension_SeparatesGrainsWithTheSameNumericKey()
    {
        var serviceId = NewId();
        var plain = new StorageKey(serviceId, N0: 0, N1: 0, Extension: null);
        var exam = new StorageKey(serviceId, N0: 0, N1: 0, Extension: "exam-123");

        Assert.Equal(1, await WriteAsync(plain, version: null, [1]));
        Assert.Equal(1, await WriteAsync(exam, version: null, [2]));

        Assert.Equal(new StoredState("01", 1), await ReadAsync(plain));
        Assert.Equal(new StoredState("02", 1), await ReadAsync(exam));
    }

    [Fact]
    public async Task Reminders_UpsertReadDelete_FollowTheVersionContract()
    {
        var serviceId = NewId();
        var start = new DateTime(2026, 11, 24, 12, 0, 0, 123, DateTimeKind.Utc);

        Assert.Equal(0, await UpsertReminderAsync(serviceId, "sync/1", "incremental", start, TimeSpan.FromMinutes(1), 10));
        Assert.Equal(1, await UpsertReminderAsync(serviceId, "sync/1", "incremental", start, TimeSpan.FromMinutes(5), 10));
        // Periods beyond int milliseconds arrive as int8.
        Assert.Equal(0, await UpsertReminderAsync(serviceId, "sync/1", "reconcile", start, TimeSpan.FromDays(30), 10));

        var one = await ReadRemindersAsync("ReadReminderRowKey", serviceId, ("GrainId", "sync/1", DbType.AnsiString), ("ReminderName", "incremental", DbType.String));
        Assert.Equal(new ReminderRow("sync/1", "incremental", start, 300_000, 1), Assert.Single(one));
        var ofGrain = await ReadRemindersAsync("ReadReminderRowsKey", serviceId, ("GrainId", "sync/1", DbType.AnsiString));
        Assert.Equal(new[] { "incremental", "reconcile" }, ofGrain.Select(r => r.Name).Order());
        Assert.Equal((long)TimeSpan.FromDays(30).TotalMilliseconds, ofGrain.Single(r => r.Name == "reconcile").PeriodMs);

        Assert.False(await DeleteReminderAsync(serviceId, "sync/1", "incremental", version: 0));
        Assert.True(await DeleteReminderAsync(serviceId, "sync/1", "incremental", version: 1));
        Assert.Equal(new[] { "reconcile" }, (await ReadRemindersAsync("ReadReminderRowsKey", serviceId, ("GrainId", "sync/1", DbType.AnsiString))).Select(r => r.Name));
    }

    [Fact]
    public async Task Reminders_RangeReads_SelectTheSilosHashRangeIncludingTheWrapAround()
    {
        var serviceId = NewId();
        foreach (var hash in new[] { -100, 0, 100 })
        {
            await UpsertReminderAsync(serviceId, $"grain/{hash}", "r", DateTime.UtcNow, TimeSpan.FromMinutes(1), hash);
        }

        var inner = await ReadRemindersAsync("ReadRangeRows1Key", serviceId, ("BeginHash", -50, DbType.Int32), ("EndHash", 100, DbType.Int32));
        var wrapped = await ReadRemindersAsync("ReadRangeRows2Key", serviceId, ("BeginHash", 50, DbType.Int32), ("EndHash", -50, DbType.Int32));

        Assert.Equal(new[] { "grain/0", "grain/100" }, inner.Select(r => r.GrainId).Order());
        Assert.Equal(new[] { "grain/-100", "grain/100" }, wrapped.Select(r => r.GrainId).Order());

        await ExecuteQueryAsync("DeleteReminderRowsKey", [Parameter("ServiceId", serviceId, DbType.String)]);
        Assert.Empty(await ReadRemindersAsync("ReadReminderRowsKey", serviceId, ("GrainId", "grain/0", DbType.AnsiString)));
    }

    private sealed record StorageKey(string ServiceId, long N0, long N1, string? Extension);

    private sealed record StoredState(string? PayloadHex, int Version);

    private sealed record ReminderRow(string GrainId, string Name, DateTime StartTime, long PeriodMs, int Version);

    private static string NewId() => Guid.NewGuid().ToString("N");

    private async Task<int?> WriteAsync(StorageKey grain, int? version, byte[] payload)
    {
        var rows = await ReadQueryAsync(
            "WriteToStorageKey",
            [.. GrainParameters(grain), Parameter("GrainStateVersion", version, DbType.Int32), Parameter("PayloadBinary", payload, DbType.Binary)],
            reader => reader.IsDBNull(reader.GetOrdinal("NewGrainStateVersion")) ? (int?)null : reader.GetInt32(reader.GetOrdinal("NewGrainStateVersion")));
        return Assert.Single(rows);
    }

    private async Task<StoredState?> ReadAsync(StorageKey grain)
    {
        var rows = await ReadQueryAsync(
            "ReadFromStorageKey",
            GrainParameters(grain),
            reader => new StoredState(
                reader.IsDBNull(reader.GetOrdinal("PayloadBinary")) ? null : Convert.ToHexString((byte[])reader["PayloadBinary"]),
                reader.GetInt32(reader.GetOrdinal("Version"))));
        return rows is [] ? null : Assert.Single(rows);
    }

    private async Task<int?> ClearOrDeleteAsync(string queryKey, StorageKey grain, int version)
    {
        var rows = await ReadQueryAsync(
            queryKey,
            [.. GrainParameters(grain), Parameter("GrainStateVersion", (int?)version, DbType.Int32)],
            reader => reader.GetInt32(0));
        return rows is [] ? null : Assert.Single(rows);
    }

    private static NpgsqlParameter[] GrainParameters(StorageKey grain) =>
    [
        Parameter("GrainIdHash", unchecked((int)grain.N0 * 31 + (grain.Extension?.Length ?? 0)), DbType.Int32),
        Parameter("GrainIdN0", grain.N0, DbType.Int64),
        Parameter("GrainIdN1", grain.N1, DbType.Int64),
        Parameter("GrainTypeHash", 1234, DbType.Int32),
        Parameter("GrainTypeString", "exam", DbType.String),
        Parameter("GrainIdExtensionString", grain.Extension, DbType.String),
        Parameter("ServiceId", grain.ServiceId, DbType.String),
    ];

    private async Task<int> UpsertReminderAsync(string serviceId, string grainId, string name, DateTime start, TimeSpan period, int grainHash)
    {
        // As the provider does: int milliseconds when they fit, else int8.
        var periodParameter = period.TotalMilliseconds <= int.MaxValue
            ? Parameter("Period", (int)period.TotalMilliseconds, DbType.Int32)
            : Parameter("Period", (long)period.TotalMilliseconds, DbType.Int64);
        var rows = await ReadQueryAsync(
            "UpsertReminderRowKey",
            [
                Parameter("ServiceId", serviceId, DbType.String),
                Parameter("GrainHash", grainHash, DbType.Int32),
                Parameter("GrainId", grainId, DbType.AnsiString),
                Parameter("ReminderName", name, DbType.String),
                Parameter("StartTime", start, DbType.DateTime),
                periodParameter,
            ],
            reader => Convert.ToInt32(reader["Version"]));
        return Assert.Single(rows);
    }

    private async Task<List<ReminderRow>> ReadRemindersAsync(string queryKey, string serviceId, params (string Name, object Value, DbType Type)[] filters) =>
        await ReadQueryAsync(
            queryKey,
            [Parameter("ServiceId", serviceId, DbType.String), .. filters.Select(f => Parameter(f.Name, f.Value, f.Type))],
            reader => new ReminderRow(
                (string)reader["GrainId"],
                (string)reader["ReminderName"],
                DateTime.SpecifyKind(reader.GetDateTime(reader.GetOrdinal("StartTime")), DateTimeKind.Utc),
                reader.GetInt64(reader.GetOrdinal("Period")),
                Convert.ToInt32(reader["Version"])));

    private async Task<bool> DeleteReminderAsync(string serviceId, string grainId, string name, int version)
    {
        var rows = await ReadQueryAsync(
            "DeleteReminderRowKey",
            [
                Parameter("ServiceId", serviceId, DbType.String),
                Parameter("GrainId", grainId, DbType.AnsiString),
                Parameter("ReminderName", name, DbType.String),
                Parameter("Version", version, DbType.Int32),
            ],
            reader =>
            {
                Assert.Equal(1, reader.FieldCount);   // the provider insists on a single column
                return Convert.ToBoolean(reader.GetValue(0));
            });
        return Assert.Single(rows);
    }

    private static NpgsqlParameter Parameter(string name, object? value, DbType type) =>
        new() { ParameterName = name, Value = value ?? DBNull.Value, DbType = type };

    private async Task<Dictionary<string, string>> QueriesAsync()
    {
        var queries = new Dictionary<string, string>();
        // The providers' own initialization statement, unqualified as they send it.
        await using var command = database.DataSource.CreateCommand("SELECT QueryKey, QueryText FROM OrleansQuery");
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            queries[(string)reader["QueryKey"]] = (string)reader["QueryText"];
        }

        return queries;
    }

    private async Task<List<T>> ReadQueryAsync<T>(string queryKey, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> read)
    {
        var ct = TestContext.Current.CancellationToken;
        var text = (await QueriesAsync())[queryKey];
        await using var command = database.DataSource.CreateCommand(text);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private async Task ExecuteQueryAsync(string queryKey, NpgsqlParameter[] parameters)
    {
        var text = (await QueriesAsync())[queryKey];
        await using var command = database.DataSource.CreateCommand(text);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
