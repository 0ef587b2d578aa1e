using System.Net;
using System.Text.Json;
using MockExams.Sandbox.Crm;
using static MockExams.Tests.Sandbox.SandboxClient;

namespace MockExams.Tests.Sandbox;

/// <summary>
/// The sandbox's per-exam high-water marks: active bookings at the same instant against the exam's capacity, so a test
/// can prove no exam was ever overbooked in HubSpot, not only that the end state is right.
/// </summary>
public sealed class OccupancyTests
{
    [Fact]
    public async Task Bookings_CreatedCancelledAndArchivedWithinCapacity_PeakIsTheMostActiveAtOnceAndNothingIsOverCapacity()
    {
        await using var sandbox = await StartAsync();
        var exam = await sandbox.CreateAsync("mock_exams", new { capacity = "3" });

        var first = await BookAsync(sandbox, exam);
        var second = await BookAsync(sandbox, exam);
        await sandbox.PatchAsync($"crm/v3/objects/bookings/{first}", new { properties = new { is_active = "false", booking_status = "Cancelled" } });
        await sandbox.DeleteAsync($"crm/v3/objects/bookings/{second}");
        await BookAsync(sandbox, exam);
        var marks = await MarksAsync(sandbox, exam);

        Assert.Equal(1, marks.GetProperty("active").GetInt32());
        Assert.Equal(3, marks.GetProperty("capacity").GetInt64());
        Assert.Equal(2, marks.GetProperty("peakActive").GetInt32());
        Assert.Equal(3, marks.GetProperty("capacityAtPeak").GetInt64());
        Assert.False(marks.TryGetProperty("overCapacity", out _));
        Assert.Empty((await sandbox.GetAsync("__sandbox/stats")).Body.GetProperty("overCapacityExams").EnumerateArray());
    }

    [Fact]
    public async Task Booking_CreatedBeyondCapacity_TheExamIsReportedInStatsEvenAfterTheExtraOneIsCancelled()
    {
        await using var sandbox = await StartAsync();
        var exam = await sandbox.CreateAsync("mock_exams", new { capacity = "1" });
        var other = await sandbox.CreateAsync("mock_exams", new { capacity = "1" });

        await BookAsync(sandbox, exam);
        var extra = await BookAsync(sandbox, exam);
        await BookAsync(sandbox, other);
        await sandbox.PatchAsync($"crm/v3/objects/bookings/{extra}", new { properties = new { is_active = "false" } });
        var stats = (await sandbox.GetAsync("__sandbox/stats")).Body;

        var over = Assert.Single(stats.GetProperty("overCapacityExams").EnumerateArray());
        Assert.Equal(exam, over.GetProperty("examId").GetString());
        Assert.Equal(2, over.GetProperty("active").GetInt32());
        Assert.Equal(1, over.GetProperty("capacity").GetInt64());
        Assert.Equal(1, over.GetProperty("writes").GetInt64());
        Assert.Equal(1, (await MarksAsync(sandbox, exam)).GetProperty("active").GetInt32());
    }

    [Fact]
    public async Task Capacity_LoweredBelowTheActiveBookings_IsOverCapacityAtThatInstant()
    {
        await using var sandbox = await StartAsync();
        var exam = await sandbox.CreateAsync("mock_exams", new { capacity = "2" });
        await BookAsync(sandbox, exam);
        await BookAsync(sandbox, exam);

        await sandbox.PatchAsync($"crm/v3/objects/mock_exams/{exam}", new { properties = new { capacity = "1" } });
        var marks = await MarksAsync(sandbox, exam);

        Assert.Equal(2, marks.GetProperty("peakActive").GetInt32());
        Assert.Equal(2, marks.GetProperty("capacityAtPeak").GetInt64());
        Assert.Equal(2, marks.GetProperty("overCapacity").GetProperty("active").GetInt32());
        Assert.Equal(1, marks.GetProperty("overCapacity").GetProperty("capacity").GetInt64());
    }

    [Fact]
    public async Task BatchUpdate_FreesOneSeatAndTakesItInOneCall_IsOneInstantAndNotOverCapacity()
    {
        await using var sandbox = await StartAsync();
        var exam = await sandbox.CreateAsync("mock_exams", new { capacity = "1" });
        var held = await BookAsync(sandbox, exam);
        var waiting = await BookAsync(sandbox, exam, active: false);

        var swap = await sandbox.PostAsync("crm/v3/objects/bookings/batch/update", new
        {
            inputs = new object[]
            {
                new { id = waiting, properties = new { is_active = "true" } },
                new { id = held, properties = new { is_active = "false" } },
            },
        });
        var marks = await MarksAsync(sandbox, exam);

        Assert.Equal(HttpStatusCode.OK, swap.Status);
        Assert.Equal(1, marks.GetProperty("active").GetInt32());
        Assert.Equal(1, marks.GetProperty("peakActive").GetInt32());
        Assert.False(marks.TryGetProperty("overCapacity", out _));
    }

    [Fact]
    public async Task Bookings_MovedToAnotherExam_CountForTheExamTheirMockExamIdNames()
    {
        await using var sandbox = await StartAsync();
        var from = await sandbox.CreateAsync("mock_exams", new { capacity = "5" });
        var to = await sandbox.CreateAsync("mock_exams", new { capacity = "5" });
        var booking = await BookAsync(sandbox, from);

        await sandbox.PatchAsync($"crm/v3/objects/bookings/{booking}", new { properties = new { mock_exam_id = to } });

        Assert.Equal(0, (await MarksAsync(sandbox, from)).GetProperty("active").GetInt32());
        Assert.Equal(1, (await MarksAsync(sandbox, to)).GetProperty("active").GetInt32());
    }

    [Fact]
    public async Task Store_ManyWritersAtOnce_CountsStayExactAndThePeakNeverExceedsWhatExisted()
    {
        await using var sandbox = await StartAsync();
        var store = sandbox.Host.Store;
        var exam = store.Create(store.Types.MockExams, [new WriteRequest(new Dictionary<string, string?> { ["capacity"] = "8" })], ChangeSource.Api)
            .Results[0].Record!.Id.ToString();
        const int Writers = 8;

        // Each writer owns one booking and flips it on and off; the tracker's count must match the records at the end.
        var finals = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() =>
        {
            var booking = store.Create(store.Types.Bookings, [new WriteRequest(new Dictionary<string, string?>
            {
                ["booking_id"] = $"W{w}-{Guid.NewGuid():N}", ["mock_exam_id"] = exam, ["is_active"] = "true",
            })], ChangeSource.Api).Results[0].Record!.Id.ToString();
            var active = true;
            for (var i = 0; i < 300 + w; i++)
            {
                active = !active;
                store.Update(store.Types.Bookings,
                    [new WriteRequest(new Dictionary<string, string?> { ["is_active"] = active ? "true" : "false" }, booking)], ChangeSource.Api);
            }

            return active;
        }, Ct)));
        var marks = Assert.Single(store.SeatMarks([long.Parse(exam)]));

        Assert.Equal(finals.Count(a => a), marks.Active);
        Assert.InRange(marks.PeakActive, Math.Max(1, marks.Active), Writers);
        Assert.Null(marks.OverCapacity);
    }

    [Fact]
    public async Task Stats_CountCallsPerObjectType()
    {
        await using var sandbox = await StartAsync();
        var exam = await sandbox.CreateAsync("mock_exams", new { capacity = "3" });

        await sandbox.PostAsync("crm/v3/objects/2-41000002/batch/create", new
        {
            inputs = new[] { new { properties = new Dictionary<string, string> { ["booking_id"] = "B-1", ["mock_exam_id"] = exam, ["is_active"] = "true" } } },
        });
        var byType = (await sandbox.GetAsync("__sandbox/stats")).Body.GetProperty("callsByObjectType");

        Assert.Equal(1, byType.GetProperty("bookings").GetProperty("POST /crm/v3/objects/{objectType}/batch/create").GetProperty("201").GetInt64());
        Assert.Equal(1, byType.GetProperty("mock_exams").GetProperty("POST /crm/v3/objects/{objectType}").GetProperty("201").GetInt64());
        Assert.Equal(1, (await MarksAsync(sandbox, exam)).GetProperty("active").GetInt32());
    }

    [Fact]
    public async Task Occupancy_ExamIdsThatAreNotIds_Answers400()
    {
        await using var sandbox = await StartAsync();

        var response = await sandbox.GetAsync("__sandbox/occupancy?examIds=12,abc");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("abc", response.Body.GetProperty("message").GetString());
    }

    private static async Task<string> BookAsync(SandboxClient sandbox, string examId, bool active = true) =>
        await sandbox.CreateAsync("bookings", new Dictionary<string, string>
        {
            ["booking_id"] = Guid.NewGuid().ToString("N"),
            ["mock_exam_id"] = examId,
            ["is_active"] = active ? "true" : "false",
            ["booking_status"] = active ? "Booked" : "Cancelled",
        });

    private static async Task<JsonElement> MarksAsync(SandboxClient sandbox, string examId)
    {
        var response = await sandbox.GetAsync($"__sandbox/occupancy?examIds={examId}");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return Assert.Single(response.Body.GetProperty("exams").EnumerateArray());
    }
}
