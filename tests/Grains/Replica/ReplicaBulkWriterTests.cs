using Microsoft.Extensions.Logging.Abstractions;
using MockExams.Exams;
using MockExams.Grains.Replica;
using MockExams.Tests.Fixtures;
using static MockExams.Tests.Grains.Sync.SyncTestKit;

namespace MockExams.Tests.Grains.Replica;

public sealed class ReplicaBulkWriterTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private readonly ReplicaBulkWriter _writer = new(database.DataSource, NullLogger<ReplicaBulkWriter>.Instance);

    [Fact]
    public async Task UpsertExams_OlderVersionAfterNewer_KeepsTheNewer()
    {
        var id = NewId();
        await _writer.UpsertExamsAsync([Exam(id, "newer", T0.AddMinutes(5))], [], Token);

        var changed = await _writer.UpsertExamsAsync([Exam(id, "older", T0)], [], Token);

        Assert.Equal(0, changed);
        Assert.Equal("newer", await NameAsync(id));
    }

    [Fact]
    public async Task UpsertExams_SameIdTwiceInOneBatch_KeepsTheNewest()
    {
        var id = NewId();

        var changed = await _writer.UpsertExamsAsync([Exam(id, "second", T0.AddSeconds(1)), Exam(id, "first", T0)], [], Token);

        Assert.Equal(1, changed);
        Assert.Equal("second", await NameAsync(id));
    }

    [Fact]
    public async Task UpsertBookings_ArchivedNewerVersion_SoftDeletesAndRecountFollows()
    {
        var examId = NewId();
        var bookingId = NewId();
        await _writer.UpsertExamsAsync([Exam(examId, "exam", T0)], [], Token);
        await _writer.UpsertBookingsAsync([Booking(bookingId, examId, T0, archived: false)], [], Token);
        await _writer.RecountBookingsAsync([examId], Token);
        var before = await ScalarAsync<int>(database.DataSource, "select total_bookings from public.hubspot_mock_exams where hubspot_id = $1", examId);

        await _writer.UpsertBookingsAsync([Booking(bookingId, examId, T0.AddMinutes(1), archived: true)], [], Token);
        await _writer.RecountBookingsAsync([examId], Token);

        Assert.Equal(1, before);
        Assert.Equal(0, await ScalarAsync<int>(database.DataSource, "select total_bookings from public.hubspot_mock_exams where hubspot_id = $1", examId));
        Assert.True(await ScalarAsync<bool>(database.DataSource, "select deleted_at is not null from public.hubspot_bookings where hubspot_id = $1", bookingId));
    }

    [Fact]
    public async Task Upsert_WithCheckpoints_SavesCursorsAndCountInTheSameTransaction()
    {
        var state = new SyncStateStore(database.DataSource);
        await state.BeginBackfillAsync("bookings", T0, Token);
        await state.BeginBackfillAsync("mock_exams", T0, Token);

        await _writer.UpsertBookingsAsync([Booking(NewId(), NewId(), T0, false)], [new ReplicaCheckpoint("bookings", """{"low": 42}""", 1)], Token);
        await _writer.UpsertBookingsAsync([], [new ReplicaCheckpoint("bookings", """{"high": 99}""", 0), new ReplicaCheckpoint("mock_exams", """{"after": "x"}""", 0)], Token);

        var rows = await state.ReadAsync(Token);
        Assert.Equal("""{"low": 42, "high": 99}""", rows["bookings"].BackfillCursor);
        Assert.Equal(1, rows["bookings"].BackfillWritten);
        Assert.Equal("""{"after": "x"}""", rows["mock_exams"].BackfillCursor);
    }

    private async Task<string?> NameAsync(string id) =>
        await ScalarAsync<string>(database.DataSource, "select mock_exam_name from public.hubspot_mock_exams where hubspot_id = $1", id);

    private static string NewId() => Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString();

    private static ExamRecord Exam(string id, string name, DateTimeOffset modified) =>
        new(id, name, "Clinical Skills", new DateOnly(2031, 1, 1), "09:00", "12:00", "Halifax", 20, 0, true, T0, modified, false);

    private static BookingRecord Booking(string id, string examId, DateTimeOffset modified, bool archived) =>
        new(id, $"B-{id}", examId, null, null, "Student", "s@example.com", "Active", true, null, null, null, null, T0, modified, archived);
}
