using System.Diagnostics;
using MockExams.Sandbox.Crm;
using MockExams.Tests.Fixtures;
using MockExams.Tests.Grains.Exams.Fixtures;
using Npgsql;

namespace MockExams.Tests.Grains.Exams.Model;

/// <summary>
/// The promises a model run must keep: no exam ever over capacity in HubSpot (the sandbox's high-water marks, at every
/// instant), every booking answered booked exists exactly once in HubSpot and in the replica, no booking whose every
/// request was refused exists, a booking answered cancelled is inactive, one never cancelled is active, and once the
/// faults stop the replica settles to HubSpot.
/// </summary>
public sealed class ModelChecks(FaultyHubSpotClusterFixture fixture, ModelRun run)
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(45);

    public async Task<List<string>> ViolationsAsync()
    {
        List<string> violations = [];
        var examIds = run.ExamIds.Select(long.Parse).ToList();
        foreach (var marks in fixture.Sandbox.Store.SeatMarks(examIds).Where(m => m.OverCapacity is not null))
        {
            var over = marks.OverCapacity!;
            violations.Add($"exam e{run.ExamIds.ToList().IndexOf(marks.ExamId)} ({marks.ExamId}): HubSpot held {over.Active} active bookings at once "
                + $"for capacity {over.Capacity} (after {over.Writes} write(s))");
        }

        var settled = await SettleAsync();
        if (settled is not null)
        {
            violations.Add($"the replica did not settle to HubSpot within {SettleTimeout.TotalSeconds} s: {settled}");
        }

        var hubSpot = HubSpotBookings();
        var replica = await ReplicaBookingsAsync();
        var answers = run.Answers.ToList();
        var booked = answers.Where(a => a.Kind == AnswerKind.Done && a.Op.StartsWith("book", StringComparison.Ordinal)).ToList();
        foreach (var booking in booked)
        {
            var copies = hubSpot.Count(b => b.BookingId == booking.BookingId);
            if (copies != 1)
            {
                violations.Add($"booking {booking.BookingId} was answered booked; HubSpot holds {copies} of it");
            }

            var rows = replica.Count(b => b.BookingId == booking.BookingId);
            if (rows != 1)
            {
                violations.Add($"booking {booking.BookingId} was answered booked; the replica holds {rows} rows of it");
            }

            var cancels = answers.Where(a => a.BookingId == booking.BookingId && !a.Op.StartsWith("book", StringComparison.Ordinal)).ToList();
            var active = hubSpot.FirstOrDefault(b => b.BookingId == booking.BookingId)?.Active;
            if (cancels.Any(c => c.Kind == AnswerKind.Done) && active == true)
            {
                violations.Add($"booking {booking.BookingId} was answered cancelled; HubSpot holds it active");
            }

            if (cancels is [] && active == false)
            {
                violations.Add($"booking {booking.BookingId} was answered booked and never cancelled; HubSpot holds it inactive");
            }
        }

        var bookedIds = booked.Select(b => b.BookingId).ToHashSet();
        foreach (var stray in hubSpot.Where(b => !bookedIds.Contains(b.BookingId)))
        {
            var requests = answers.Where(a => a.Op.StartsWith("book", StringComparison.Ordinal) && a.ContactId == stray.ContactId
                && run.ExamIds[a.Exam] == stray.ExamId).ToList();
            if (!requests.Any(r => r.Kind is AnswerKind.Retry or AnswerKind.Unknown))
            {
                violations.Add($"HubSpot holds booking {stray.BookingId} (active: {stray.Active}) of contact {stray.ContactId}, whose requests were all "
                    + $"answered: {string.Join("; ", requests.Select(r => $"{r.Kind} {r.Detail}"))}");
            }
        }

        foreach (var student in hubSpot.Where(b => b.Active).GroupBy(b => (b.ExamId, b.ContactId)).Where(g => g.Count() > 1))
        {
            violations.Add($"HubSpot holds {student.Count()} active bookings of contact {student.Key.ContactId} on exam {student.Key.ExamId}");
        }

        return violations;
    }

    /// <summary>Waits until no late write is pending and the replica holds what HubSpot holds; null once it does, else the last difference.</summary>
    private async Task<string?> SettleAsync()
    {
        var started = Stopwatch.StartNew();
        string? difference;
        while ((difference = await DifferenceAsync()) is not null && started.Elapsed < SettleTimeout)
        {
            await Task.Delay(200, WriteScenario.Token);
        }

        return difference;
    }

    private async Task<string?> DifferenceAsync()
    {
        if (fixture.Sandbox.Stats.Snapshot(fixture.Sandbox.RateLimiter.Snapshot(), []).LateWritesPending > 0)
        {
            return "late writes are still pending in the sandbox";
        }

        var hubSpot = HubSpotBookings().ToDictionary(b => b.BookingId, b => b.Active);
        var replica = (await ReplicaBookingsAsync()).ToDictionary(b => b.BookingId, b => b.Active);
        if (hubSpot.Except(replica).FirstOrDefault() is { Key: not null } missing)
        {
            return $"HubSpot holds booking {missing.Key} (active {missing.Value}), the replica {(replica.TryGetValue(missing.Key, out var r) ? $"has it active {r}" : "has no such row")}";
        }

        if (replica.Keys.Except(hubSpot.Keys).FirstOrDefault() is { } extra)
        {
            return $"the replica holds booking {extra}, HubSpot does not";
        }

        var store = fixture.Sandbox.Store;
        foreach (var examId in run.ExamIds)
        {
            var exam = store.Get(store.Types.MockExams, long.Parse(examId), archived: false)
                ?? store.Get(store.Types.MockExams, long.Parse(examId), archived: true)!;   // created through the api: it exists
            var replicaExam = await ReplicaExamAsync(examId);
            var hubSpotExam = (exam.Get("capacity"), exam.Get("is_active"), exam.Archived);
            if (hubSpotExam != (replicaExam.Capacity, replicaExam.IsActive, replicaExam.Deleted))
            {
                return $"exam {examId}: HubSpot {hubSpotExam}, replica {replicaExam}";
            }

            var activeHere = HubSpotBookings().Count(b => b.ExamId == examId && b.Active);
            if (!exam.Archived && ((exam.Get("total_bookings") ?? "0") != $"{activeHere}" || replicaExam.Total != activeHere))
            {
                return $"exam {examId}: {activeHere} active bookings, HubSpot total_bookings {exam.Get("total_bookings")}, replica {replicaExam.Total}";
            }
        }

        return null;
    }

    private List<HubSpotBooking> HubSpotBookings()
    {
        var store = fixture.Sandbox.Store;
        var exams = run.ExamIds.ToHashSet();
        return [.. store.Export().Records
            .Where(r => r.ObjectTypeId == store.Types.Bookings.ObjectTypeId && !r.Archived && exams.Contains(r.Get("mock_exam_id") ?? ""))
            .Select(r => new HubSpotBooking(r.Get("booking_id") ?? $"record {r.Id}", r.Get("mock_exam_id")!, r.Get("contact_id") ?? "",
                r.Get("is_active") == "true"))];
    }

    private async Task<List<HubSpotBooking>> ReplicaBookingsAsync()
    {
        await using var command = fixture.Database.DataSource.CreateCommand("""
            select booking_id, mock_exam_id, contact_id, is_active = 'true' from public.hubspot_bookings
            where mock_exam_id = any($1) and deleted_at is null
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. run.ExamIds] });
        await using var reader = await command.ExecuteReaderAsync(WriteScenario.Token);
        List<HubSpotBooking> rows = [];
        while (await reader.ReadAsync(WriteScenario.Token))
        {
            rows.Add(new HubSpotBooking(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? "" : reader.GetString(2), reader.GetBoolean(3)));
        }

        return rows;
    }

    private async Task<(string? Capacity, string? IsActive, bool Deleted, int Total)> ReplicaExamAsync(string examId)
    {
        await using var command = fixture.Database.DataSource.CreateCommand("""
            select capacity::text, is_active, deleted_at is not null, coalesce(total_bookings, 0) from public.hubspot_mock_exams where hubspot_id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = examId });
        await using var reader = await command.ExecuteReaderAsync(WriteScenario.Token);
        return await reader.ReadAsync(WriteScenario.Token)
            ? (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetBoolean(2), reader.GetInt32(3))
            : (null, null, false, -1);
    }

    private sealed record HubSpotBooking(string BookingId, string ExamId, string ContactId, bool Active);
}
