using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MockExams.Grains.Exams;
using MockExams.Sandbox.Configuration;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Grains.Exams;

/// <summary>
/// Promise 2 when HubSpot is slow to do what it did not confirm: a booking create answered 504 (after the HubSpot
/// client's own look-ups and retries also failed) lands seconds after the exam grain's look-up found nothing. The seat
/// must not have gone to someone else meanwhile.
/// </summary>
public sealed class LateCreateTests(LateCreateTests.Fixture fixture) : IClassFixture<LateCreateTests.Fixture>
{
    private const int LateWriteDelayMs = 12_000;

    /// <summary>The late-create window shortened from 90 s to 18 s, still past the sandbox's 12 s late write.</summary>
    public sealed class Fixture() : ClusterFixture(
        new Dictionary<string, string?> { ["Sync:Enabled"] = "false", ["ExamWrites:LateCreateWindow"] = "00:00:18" },
        new SandboxSettings { LatencyMs = 50 });

    [Fact]
    public async Task Book_CreateAnswered504LandsAfterTheLookUp_TheSeatWasNotGivenAwayAndTheRetryGetsIt()
    {
        using var scenario = new WriteScenario(fixture);
        var examId = await scenario.CreateExamAsync(capacity: 1);
        var (first, second) = (await scenario.CreateContactAsync(), await scenario.CreateContactAsync());
        var firstKey = Guid.NewGuid().ToString("N");
        HttpResponseMessage unknown;
        try
        {
            // Every call answers 504 and is carried out 12 s later: the create, and the look-ups that would settle it.
            fixture.Sandbox.Config.Update(s => s with { LateWriteRate = 1, LateWriteDelayMs = LateWriteDelayMs });
            unknown = await scenario.BookAsync(examId, first, firstKey);
        }
        finally
        {
            fixture.Sandbox.Config.Update(s => s with { LateWriteRate = 0 });
        }

        // Both students keep asking until told something final; the exam grain's look-up finds nothing for seconds.
        var answers = await Task.WhenAll(
            BookUntilFinalAsync(scenario, examId, first, firstKey), BookUntilFinalAsync(scenario, examId, second, Guid.NewGuid().ToString("N")));
        await WriteScenario.EventuallyAsync(async () => await LateWritesPendingAsync() == 0, "the sandbox has carried out every late write");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unknown.StatusCode);
        var active = (await scenario.HubSpotBookingsAsync(examId)).Where(WriteScenario.IsActive).ToList();
        var booked = Assert.Single(active);   // not two bookings for one seat
        Assert.Equal(first, booked.GetProperty("properties").GetProperty("contact_id").GetString());
        Assert.Equal(HttpStatusCode.Created, answers[0].Status);
        Assert.Equal(booked.GetProperty("properties").GetProperty("booking_id").GetString(), answers[0].BookingId);
        Assert.Equal(HttpStatusCode.Conflict, answers[1].Status);
        Assert.Equal("exam_full", answers[1].Reason);
        Assert.Equal(1, await scenario.ReplicaActiveBookingsAsync(examId));
    }

    /// <summary>
    /// The late-create window runs on one clock, the grain's own: an intent another silo journaled (its CreatedAt from
    /// that silo's clock, here long past) holds its seat for a whole window from this activation, then is released
    /// without a create, since its clients were told to retry.
    /// </summary>
    [Fact]
    public async Task Activation_IntentToldToRetryFromAnotherSilosClock_HoldsTheSeatForTheWindowThenReleasesItCreatesNothing()
    {
        using var scenario = new WriteScenario(fixture);
        var journal = new JournalSeeder(fixture, scenario);
        var examId = await journal.SeedExamWithoutGrainAsync(capacity: 1);
        var journaled = await journal.IntendedBookingAsync();
        await journal.JournalAsync(examId, new WriteIntent { Creates = [journaled], ClientsToldToRetry = true, CreatedAt = DateTimeOffset.UnixEpoch });
        var contact = await scenario.CreateContactAsync();

        using var held = await scenario.BookAsync(examId, contact);   // activates the grain: the seat may still be taken
        var answer = await BookUntilFinalAsync(scenario, examId, contact, Guid.NewGuid().ToString("N"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, held.StatusCode);
        Assert.Equal(HttpStatusCode.Created, answer.Status);
        var only = Assert.Single(await scenario.HubSpotBookingsAsync(examId));
        Assert.Equal(answer.BookingId, only.GetProperty("properties").GetProperty("booking_id").GetString());
        Assert.NotEqual(journaled.BookingId, answer.BookingId);
    }

    private static async Task<Answer> BookUntilFinalAsync(WriteScenario scenario, string examId, string contactId, string key)
    {
        while (true)
        {
            using var response = await scenario.BookAsync(examId, contactId, key);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                return response.StatusCode == HttpStatusCode.Created
                    ? new(response.StatusCode, (await WriteScenario.BookingOf(response)).GetProperty("booking_id").GetString(), null)
                    : new(response.StatusCode, null, await WriteScenario.ReasonAsync(response));
            }

            var retryAfter = response.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            await Task.Delay(retryAfter.Value, WriteScenario.Token);   // a client retrying as told
        }
    }

    private async Task<long> LateWritesPendingAsync()
    {
        using var sandbox = new HttpClient { BaseAddress = fixture.Sandbox.BaseUrl };
        var stats = await sandbox.GetFromJsonAsync<JsonElement>("/__sandbox/stats", WriteScenario.Token);
        return stats.GetProperty("lateWritesPending").GetInt64();
    }

    private sealed record Answer(HttpStatusCode Status, string? BookingId, string? Reason);
}
