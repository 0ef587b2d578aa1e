using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MockExams.Tests.Fixtures;
using static MockExams.Tests.Grains.Sync.SyncTestKit;

namespace MockExams.Tests.Grains.Replica;

/// <summary>
/// Staff can type anything in HubSpot, NUL included. Such a record reaches the replica as HubSpot holds it, and the
/// exam's later writes are not held up behind it (the reported bug: the commit kept failing on the NUL row, and the
/// next ordinary booking of that exam never appeared in its bookings list).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class HubSpotBadDataTests(ClusterFixture fixture) : IDisposable
{
    private readonly WriteScenario _scenario = new(fixture);

    [Fact]
    public async Task ForceSync_BookingWithNulTypedInHubSpot_IsStoredFaithfullyAndTheExamsNextBookingAppears()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 5);
        var staffBooking = NewBooking(examId);
        staffBooking["student_name"] = "Ann\0Lee";
        var staffBookingId = await CreateAsync(fixture.Sandbox, BookingType, staffBooking,
            [new { to = new { id = examId }, types = new[] { new { associationCategory = "USER_DEFINED", associationTypeId = 101 } } }]);

        var forced = await _scenario.Api.PostAsync($"/api/admin/sync/force-supabase?type=bookings&examId={examId}", null, Token);
        var booked = await _scenario.BookAsync(examId, await _scenario.CreateContactAsync());

        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var bookedId = (await WriteScenario.BookingOf(booked)).GetProperty("hubspot_id").GetString();
        Dictionary<string, string?> names = [];
        await WriteScenario.EventuallyAsync(async () =>
        {
            var body = await _scenario.Api.GetFromJsonAsync<JsonElement>($"/api/mock-exams/{examId}/bookings", Token);
            names = body.GetProperty("bookings").EnumerateArray()
                .ToDictionary(b => b.GetProperty("hubspot_id").GetString()!, b => b.GetProperty("student_name").GetString());
            return names.ContainsKey(bookedId!) && names.ContainsKey(staffBookingId);
        }, "both bookings in GET .../bookings", seconds: 5, observed: () => string.Join(", ", names.Keys));
        Assert.Equal("Ann\0Lee", names[staffBookingId]);
        var status = await _scenario.Api.GetFromJsonAsync<JsonElement>("/api/admin/sync/status", Token);
        Assert.DoesNotContain(status.GetProperty("quarantine").GetProperty("records").EnumerateArray(),
            r => r.GetProperty("recordId").GetString() == staffBookingId);
    }

    [Fact]
    public async Task ExamEditedInHubSpotWithNul_ForceSyncStoresItAndTheExamStillTakesBookings()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 5);
        await UpdateAsync(fixture.Sandbox, ExamType, examId, new() { ["location"] = "Hall\0B" });

        var forced = await _scenario.Api.PostAsync($"/api/admin/sync/force-supabase?type=bookings&examId={examId}", null, Token);
        var booked = await _scenario.BookAsync(examId, await _scenario.CreateContactAsync());

        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var exam = await _scenario.Api.GetFromJsonAsync<JsonElement>($"/api/mock-exams/{examId}", Token);
        Assert.Equal("Hall\0B", exam.GetProperty("exam").GetProperty("location").GetString());
        Assert.Equal(1, await _scenario.ReplicaActiveBookingsAsync(examId));
    }

    private static CancellationToken Token => WriteScenario.Token;

    public void Dispose() => _scenario.Dispose();
}
