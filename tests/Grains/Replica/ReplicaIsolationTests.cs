using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MockExams.Exams;
using MockExams.Grains.Replica;
using MockExams.Tests.Fixtures;
using Npgsql;

namespace MockExams.Tests.Grains.Replica;

/// <summary>
/// What HubSpot holds is stored faithfully (NUL included), and a record the replica still refuses is quarantined:
/// the rest of its commit is written, the call succeeds, and a later good write of the record clears it.
/// This class's database refuses bookings named <see cref="Poison"/> (a check constraint standing in for any
/// value Postgres refuses).
/// </summary>
public sealed class ReplicaIsolationTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private const string Poison = "POISON";
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly ReplicaWriter _writer = new(database.DataSource, Metrics(), NullLogger<ReplicaWriter>.Instance);
    private readonly ReplicaBulkWriter _bulk = new(database.DataSource, NullLogger<ReplicaBulkWriter>.Instance);
    private readonly ReplicaQuarantine _quarantine = new(database.DataSource);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await using var command = database.DataSource.CreateCommand($"""
            alter table public.hubspot_bookings drop constraint if exists refuses_poison;
            alter table public.hubspot_bookings add constraint refuses_poison check (student_name is distinct from '{Poison}')
            """);
        await command.ExecuteNonQueryAsync(Token);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Commit_NulAndLoneSurrogateFromHubSpot_AreStoredAndReadBackAsHubSpotHoldsThem()
    {
        var examId = NewId();
        var withNul = Booking(examId, "Ann\0Lee");
        var withSurrogate = Booking(examId, "Bo\uD800b") with { AttendingLocation = "Tor\0onto\uE000" };

        await _writer.CommitAsync(examId, new ReplicaCommit(Exam(examId), [withNul, withSurrogate], []), Token);

        var stored = await new SyncReader(database.DataSource).BookingsAsync([withNul.HubSpotId, withSurrogate.HubSpotId], Token);
        Assert.Equal("Ann\0Lee", stored.Single(b => b.HubSpotId == withNul.HubSpotId).StudentName);
        Assert.Equal("Bo\uD800b", stored.Single(b => b.HubSpotId == withSurrogate.HubSpotId).StudentName);
        Assert.Equal("Tor\0onto\uE000", stored.Single(b => b.HubSpotId == withSurrogate.HubSpotId).AttendingLocation);
        var body = await new ExamReader(new ReplicaJson(database.DataSource, Metrics(), NullLogger<ReplicaJson>.Instance))
            .GetBookingsBodyAsync(examId, BookingStatusFilter.All, Token);
        using var json = JsonDocument.Parse(body!);
        var names = json.RootElement.GetProperty("bookings").EnumerateArray()
            .Select(b => b.GetProperty("student_name").GetRawText()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["\"Ann\\u0000Lee\"", "\"Bo\\ud800b\""], names);
        Assert.Equal(2, await TotalBookingsAsync(examId));
    }

    [Fact]
    public async Task Commit_OneRecordTheReplicaRefuses_WritesTheRestAndQuarantinesIt()
    {
        var examId = NewId();
        var (good, bad, alsoGood) = (Booking(examId, "Ann"), Booking(examId, Poison), Booking(examId, "Cy"));

        await _writer.CommitAsync(examId, new ReplicaCommit(Exam(examId), [good, bad, alsoGood], []), Token);

        Assert.Equal(2, await TotalBookingsAsync(examId));
        Assert.Equal([good.HubSpotId, alsoGood.HubSpotId], await StoredBookingIdsAsync(examId));
        var entry = Assert.Single((await _quarantine.StatusAsync(Token)).Records, r => r.RecordId == bad.HubSpotId);
        Assert.Equal(("bookings", examId, 1), (entry.RecordType, entry.ExamId, entry.Attempts));
        Assert.StartsWith("23514:", entry.Reason);
    }

    [Fact]
    public async Task Commit_QuarantinedRecordRefusedAgainThenFixed_CountsAttemptsThenLeavesQuarantine()
    {
        var examId = NewId();
        var bad = Booking(examId, Poison);
        await _writer.CommitAsync(examId, new ReplicaCommit(Exam(examId), [bad], []), Token);
        await _writer.CommitAsync(examId, new ReplicaCommit(null, [bad with { LastModifiedAt = T0.AddMinutes(1) }], []), Token);
        Assert.Equal(2, Assert.Single((await _quarantine.StatusAsync(Token)).Records, r => r.RecordId == bad.HubSpotId).Attempts);

        await _writer.CommitAsync(examId, new ReplicaCommit(null, [bad with { StudentName = "Fixed", LastModifiedAt = T0.AddMinutes(2) }], []), Token);

        Assert.DoesNotContain((await _quarantine.StatusAsync(Token)).Records, r => r.RecordId == bad.HubSpotId);
        Assert.Equal([bad.HubSpotId], await StoredBookingIdsAsync(examId));
        Assert.Equal(1, await TotalBookingsAsync(examId));
    }

    [Fact]
    public async Task Commit_ExamsLaterCommitAfterAQuarantinedRecord_IsWritten()
    {
        var examId = NewId();
        await _writer.CommitAsync(examId, new ReplicaCommit(Exam(examId), [Booking(examId, Poison)], []), Token);
        var next = Booking(examId, "Next");

        await _writer.CommitAsync(examId, new ReplicaCommit(null, [next], []), Token);

        Assert.Equal([next.HubSpotId], await StoredBookingIdsAsync(examId));
    }

    [Fact]
    public async Task BulkUpsert_OneRecordTheReplicaRefuses_WritesTheRestAndQuarantinesIt()
    {
        var examId = NewId();
        await _bulk.UpsertExamsAsync([Exam(examId)], [], Token);
        var (good, bad) = (Booking(examId, "Dee\0"), Booking(examId, Poison));

        var changed = await _bulk.UpsertBookingsAsync([good, bad], [], Token);

        Assert.Equal(1, changed);
        Assert.Equal([good.HubSpotId], await StoredBookingIdsAsync(examId));
        Assert.Contains((await _quarantine.StatusAsync(Token)).Records, r => r.RecordId == bad.HubSpotId && r.ExamId == examId);
    }

    [Fact]
    public async Task Commit_ReplicaUnreachable_StillThrowsSoTheGrainRetries()
    {
        await using var unreachable = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={FreePort.Next()};Username=x;Password=x;Database=x;Timeout=2");
        var writer = new ReplicaWriter(unreachable, Metrics(), NullLogger<ReplicaWriter>.Instance);
        var examId = NewId();

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => writer.CommitAsync(examId, new ReplicaCommit(Exam(examId), [], []), Token));
    }

    private async Task<List<string>> StoredBookingIdsAsync(string examId)
    {
        await using var command = database.DataSource.CreateCommand(
            "select hubspot_id from public.hubspot_bookings where mock_exam_id = $1 order by hubspot_id");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = examId });
        List<string> ids = [];
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private async Task<int> TotalBookingsAsync(string examId)
    {
        await using var command = database.DataSource.CreateCommand("select total_bookings from public.hubspot_mock_exams where hubspot_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = examId });
        return (int)(await command.ExecuteScalarAsync(Token))!;
    }

    private static ReplicaMetrics Metrics() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    private static long _nextId = Random.Shared.NextInt64(1_000_000_000, 9_000_000_000);

    private static string NewId() => Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static ExamRecord Exam(string id) =>
        new(id, "Exam", "Clinical Skills", new DateOnly(2031, 1, 1), "09:00", "12:00", "Halifax", 20, 0, true, T0, T0, false);

    private static BookingRecord Booking(string examId, string name)
    {
        var id = NewId();
        return new(id, $"B-{id}", examId, null, null, name, "s@example.com", "Active", true, null, null, null, null, T0, T0, false);
    }
}
