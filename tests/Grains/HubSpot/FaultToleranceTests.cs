using MockExams.Grains.HubSpot;

namespace MockExams.Tests.Grains.HubSpot;

/// <summary>A HubSpot that fails (5xx, timeouts, 429) never leads to a duplicate booking, and every caller gets a clear outcome.</summary>
[Collection(SandboxLoad.Collection)]
public sealed class FaultToleranceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ServerErrorsAndTimeouts_EveryBookingExistsExactlyOnce()
    {
        await using var hub = await SandboxedHubSpot.StartAsync(s => s with
        {
            CallsPerTenSeconds = 250, LatencyMs = 10, ErrorRate = 0.15, TimeoutRate = 0.15, TimeoutHangMs = 2_000,
        });
        var exam = hub.SeedExam();
        var contact = hub.SeedContact();
        Dictionary<string, string?> settings = new()
        {
            ["CallsPerTenSeconds"] = "250", ["RequestTimeout"] = "00:00:00.500", ["TotalRequestTimeout"] = "00:00:15",
        };
        var processes = new[] { await hub.StartProcessAsync(settings), await hub.StartProcessAsync(settings) };
        var batches = Enumerable.Range(0, 30)
            .Select(_ => Enumerable.Range(0, 10).Select(_ => SandboxedHubSpot.NewBooking(exam, contact)).ToList()).ToList();

        var results = await Task.WhenAll(batches.Select(async (batch, n) =>
        {
            // As the exam grain does with its saved intent: the same bookings again until HubSpot answers.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await processes[n % 2].Client.CreateBookingsAsync(batch, HubSpotLane.Sync, Ct);
                }
                catch (HubSpotTransientException) when (attempt < 10)
                {
                    await Task.Delay(200, Ct);
                }
            }
        }));

        var stats = hub.Stats;
        Assert.True(stats.InjectedErrors > 0 && stats.InjectedTimeouts > 0, "the sandbox did inject failures");
        var requested = batches.SelectMany(b => b).Select(b => b.BookingId).Order().ToList();
        Assert.Equal(requested, hub.Bookings.Select(b => b.Get(BookingProperties.BookingId)!).Order());
        var outcomes = results.SelectMany(r => r).ToList();
        Assert.Equal(requested, outcomes.Select(r => r.BookingId).Order());
        Assert.All(outcomes, r => Assert.Contains(r.Status, new[] { CreateStatus.Created, CreateStatus.AlreadyExisted }));
        Assert.All(outcomes, r => Assert.Equal(r.BookingId, r.Booking!.BookingId));
        Assert.True(hub.CallsTo("/batch/read") > 0, "creates with an unknown outcome were settled by looking the bookings up");
    }

    [Fact]
    public async Task HubSpotAnswers429_TheSharedBudgetPauses_NoDuplicates_AndAUserWriteGetsRetryAfter()
    {
        // HubSpot allows 20 per 10 s but the processes were told 100: HubSpot's 429 has to stop them.
        await using var hub = await SandboxedHubSpot.StartAsync(s => s with { CallsPerTenSeconds = 20, LatencyMs = 5 });
        var exam = hub.SeedExam();
        var contact = hub.SeedContact();
        var backfill = await hub.StartProcessAsync();
        var api = await hub.StartProcessAsync();
        var bookings = Enumerable.Range(0, 30).Select(_ => SandboxedHubSpot.NewBooking(exam, contact)).ToList();

        var copying = Task.Run(async () =>
        {
            foreach (var booking in bookings)
            {
                await backfill.Client.CreateBookingsAsync([booking], HubSpotLane.Sync, Ct);
            }
        }, Ct);
        // Wait for the 429's pause (about 10 s), not for the short holds HubSpot's remaining-calls header causes before it.
        while ((await api.Budget.GetSnapshotAsync(Ct)).PausedFor < TimeSpan.FromSeconds(5) && !copying.IsCompleted)
        {
            await Task.Delay(20, Ct);
        }
        var callsAtPause = hub.Stats.TotalCalls;
        // The pause is shared: the api process is refused by its own governor, without calling HubSpot.
        var refused = await Assert.ThrowsAsync<HubSpotOverBudgetException>(
            () => api.Client.UpdateExamAsync(exam, new ExamChanges(Capacity: 10), HubSpotLane.UserWrite, Ct));
        var callsAfterRefusal = hub.Stats.TotalCalls;
        await copying;

        Assert.InRange(refused.RetryAfter, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
        Assert.Equal(callsAtPause, callsAfterRefusal);   // refused without calling HubSpot
        Assert.Equal(1, hub.Stats.RateLimitedByPolicy["TEN_SECONDLY_ROLLING"]);
        Assert.Equal(31, hub.Stats.TotalCalls);   // 30 creates and the one refused
        Assert.Equal(bookings.Select(b => b.BookingId).Order(), hub.Bookings.Select(b => b.Get(BookingProperties.BookingId)!).Order());
    }

    [Fact]
    public async Task CreateTimesOutAndBudgetRefusesTheLookUp_ReportsAnUnknownOutcomeNotOverBudget()
    {
        await using var hub = await SandboxedHubSpot.StartAsync(s => s with { LatencyMs = 5, TimeoutRate = 1, TimeoutHangMs = 3_000 });
        var exam = hub.SeedExam();
        var contact = hub.SeedContact();
        var process = await hub.StartProcessAsync();

        var creating = process.Client.CreateBookingsAsync([SandboxedHubSpot.NewBooking(exam, contact)], HubSpotLane.UserWrite, Ct);
        while (hub.Bookings.Count == 0)
        {
            await Task.Delay(20, Ct);   // HubSpot has carried the create out once it shows; its answer is still hanging
        }
        hub.Sandbox.Config.Update(s => s with { TimeoutRate = 0 });
        await process.Budget.PauseAsync(HubSpotCallKind.Standard, "TEN_SECONDLY_ROLLING", TimeSpan.FromSeconds(30), Ct);

        // "Over budget" would tell the caller nothing was created, and it would give the seat away.
        var failure = await Assert.ThrowsAsync<HubSpotTransientException>(() => creating);
        Assert.IsAssignableFrom<HubSpotOverBudgetException>(failure.InnerException);
        Assert.Single(hub.Bookings);
    }
}
