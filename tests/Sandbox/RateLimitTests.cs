using System.Net;
using static MockExams.Tests.Sandbox.SandboxClient;

namespace MockExams.Tests.Sandbox;

public sealed class RateLimitTests
{
    private static readonly object Search = new { filterGroups = Array.Empty<object>() };

    [Fact]
    public async Task Calls_WithinBudget_CarryHubSpotRateLimitHeaders()
    {
        await using var sandbox = await StartAsync(s => s with { CallsPerTenSeconds = 5, DailyLimit = 1000 });

        await sandbox.GetAsync("crm/v3/objects/contacts");
        var second = await sandbox.GetAsync("crm/v3/objects/contacts");

        Assert.Equal("5", second.Header("X-HubSpot-RateLimit-Max"));
        Assert.Equal("3", second.Header("X-HubSpot-RateLimit-Remaining"));
        Assert.Equal("10000", second.Header("X-HubSpot-RateLimit-Interval-Milliseconds"));
        Assert.Equal("1000", second.Header("X-HubSpot-RateLimit-Daily"));
        Assert.Equal("998", second.Header("X-HubSpot-RateLimit-Daily-Remaining"));
    }

    [Fact]
    public async Task Call_AfterTheTenSecondBudgetIsSpent_Returns429TenSecondlyRollingWithHubSpotsBody()
    {
        await using var sandbox = await StartAsync(s => s with { CallsPerTenSeconds = 5 }, new ManualClock());
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await sandbox.GetAsync("crm/v3/objects/contacts")).Status);
        }

        var refused = await sandbox.GetAsync("crm/v3/objects/contacts");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        var body = refused.Body;
        Assert.Equal(["status", "message", "errorType", "correlationId", "policyName", "requestId"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("error", body.GetProperty("status").GetString());
        Assert.Equal("You have reached your ten_secondly_rolling limit.", body.GetProperty("message").GetString());
        Assert.Equal("RATE_LIMIT", body.GetProperty("errorType").GetString());
        Assert.Equal("TEN_SECONDLY_ROLLING", body.GetProperty("policyName").GetString());
        Assert.Equal(refused.Header("X-HubSpot-Correlation-Id"), body.GetProperty("correlationId").GetString());
        Assert.Equal("0", refused.Header("X-HubSpot-RateLimit-Remaining"));
        Assert.Null(refused.Message.Headers.RetryAfter);
        Assert.Equal(1, (await sandbox.GetAsync("__sandbox/stats")).Body.GetProperty("rateLimitedByPolicy").GetProperty("TEN_SECONDLY_ROLLING").GetInt32());
    }

    [Fact]
    public async Task Budget_AfterTheWindowRolls_AcceptsCallsAgain()
    {
        var clock = new ManualClock();
        await using var sandbox = await StartAsync(s => s with { CallsPerTenSeconds = 5 }, clock);
        for (var i = 0; i < 5; i++)
        {
            await sandbox.GetAsync("crm/v3/objects/contacts");
        }

        clock.Advance(TimeSpan.FromSeconds(9.9));
        var stillRefused = await sandbox.GetAsync("crm/v3/objects/contacts");
        clock.Advance(TimeSpan.FromSeconds(0.1));
        var accepted = await sandbox.GetAsync("crm/v3/objects/contacts");

        Assert.Equal(HttpStatusCode.TooManyRequests, stillRefused.Status);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal("4", accepted.Header("X-HubSpot-RateLimit-Remaining"));
    }

    [Fact]
    public async Task Budget_WithTheRealClock_RecoversWithinTheWindow()
    {
        await using var sandbox = await StartAsync(s => s with { CallsPerTenSeconds = 5 });
        for (var i = 0; i < 5; i++)
        {
            await sandbox.GetAsync("crm/v3/objects/contacts");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await sandbox.GetAsync("crm/v3/objects/contacts")).Status);
        var deadline = DateTime.UtcNow.AddSeconds(12);
        HttpStatusCode status;
        do
        {
            await Task.Delay(250, Ct);
            status = (await sandbox.GetAsync("crm/v3/objects/contacts")).Status;
        }
        while (status == HttpStatusCode.TooManyRequests && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task RetryAfter_WhenEnabled_IsSentInSeconds()
    {
        await using var sandbox = await StartAsync(s => s with { CallsPerTenSeconds = 1, RetryAfter = true }, new ManualClock());
        await sandbox.GetAsync("crm/v3/objects/contacts");

        var refused = await sandbox.GetAsync("crm/v3/objects/contacts");

        Assert.Equal(TimeSpan.FromSeconds(10), refused.Message.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Call_AfterTheDailyBudgetIsSpent_Returns429Daily()
    {
        await using var sandbox = await StartAsync(s => s with { DailyLimit = 2 }, new ManualClock());
        await sandbox.GetAsync("crm/v3/objects/contacts");
        await sandbox.GetAsync("crm/v3/objects/contacts");

        var refused = await sandbox.GetAsync("crm/v3/objects/contacts");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("DAILY", refused.Body.GetProperty("policyName").GetString());
        Assert.Equal("You have reached your daily limit.", refused.Body.GetProperty("message").GetString());
        Assert.Equal("0", refused.Header("X-HubSpot-RateLimit-Daily-Remaining"));
    }

    [Fact]
    public async Task Search_WhenTheTenSecondBudgetIsSpent_StillAnswersWithoutRateLimitHeaders()
    {
        await using var sandbox = await StartAsync(s => s with { CallsPerTenSeconds = 5 }, new ManualClock());
        for (var i = 0; i < 5; i++)
        {
            await sandbox.GetAsync("crm/v3/objects/contacts");
        }

        var search = await sandbox.PostAsync("crm/v3/objects/contacts/search", Search);
        var standard = await sandbox.GetAsync("crm/v3/objects/contacts");

        Assert.Equal(HttpStatusCode.OK, search.Status);
        Assert.DoesNotContain(search.Message.Headers, h => h.Key.StartsWith("X-HubSpot-RateLimit", StringComparison.OrdinalIgnoreCase));
        Assert.NotNull(search.Header("X-HubSpot-Correlation-Id"));
        Assert.Equal(HttpStatusCode.TooManyRequests, standard.Status);
    }

    [Fact]
    public async Task Search_SixthCallWithinOneSecond_Returns429Secondly()
    {
        var clock = new ManualClock();
        await using var sandbox = await StartAsync(clock: clock);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await sandbox.PostAsync("crm/v3/objects/bookings/search", Search)).Status);
        }

        var refused = await sandbox.PostAsync("crm/v3/objects/bookings/search", Search);
        clock.Advance(TimeSpan.FromSeconds(1));
        var nextSecond = await sandbox.PostAsync("crm/v3/objects/bookings/search", Search);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("SECONDLY", refused.Body.GetProperty("policyName").GetString());
        Assert.Equal("You have reached your secondly limit.", refused.Body.GetProperty("message").GetString());
        Assert.DoesNotContain(refused.Message.Headers, h => h.Key.StartsWith("X-HubSpot-RateLimit", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, nextSecond.Status);
    }

    [Fact]
    public async Task Budget_ChangedAtRunTime_AppliesToTheNextCall()
    {
        await using var sandbox = await StartAsync(clock: new ManualClock());

        var update = await sandbox.PutAsync("__sandbox/config", new { callsPerTenSeconds = 1 });
        await sandbox.GetAsync("crm/v3/objects/contacts");
        var refused = await sandbox.GetAsync("crm/v3/objects/contacts");

        Assert.Equal(HttpStatusCode.OK, update.Status);
        Assert.Equal(1, update.Body.GetProperty("callsPerTenSeconds").GetInt32());
        Assert.Equal(0, update.Body.GetProperty("latencyMs").GetInt32());
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
    }
}
