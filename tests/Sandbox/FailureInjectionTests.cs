using System.Net;
using static MockExams.Tests.Sandbox.SandboxClient;

namespace MockExams.Tests.Sandbox;

public sealed class FailureInjectionTests
{
    [Fact]
    public async Task ErrorRateOne_AnswersEveryCallWith5xxAndWritesNothing()
    {
        await using var sandbox = await StartAsync(s => s with { ErrorRate = 1 });

        var response = await sandbox.PostAsync("crm/v3/objects/contacts", new { properties = new { email = "e@example.ca" } });

        Assert.InRange((int)response.Status, 500, 504);
        Assert.Empty((await sandbox.GetAsync("__sandbox/dump")).Body.GetProperty("objects").GetProperty("contacts").EnumerateArray());
    }

    [Fact]
    public async Task TimeoutRateOne_DropsTheConnectionButTheWriteHappened()
    {
        await using var sandbox = await StartAsync(s => s with { TimeoutRate = 1, TimeoutHangMs = 50 });

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            sandbox.PostAsync("crm/v3/objects/contacts", new { properties = new { email = "lost@example.ca" } }));

        var dump = (await sandbox.GetAsync("__sandbox/dump")).Body.GetProperty("objects").GetProperty("contacts");
        Assert.Equal("lost@example.ca", Assert.Single(dump.EnumerateArray()).GetProperty("properties").GetProperty("email").GetString());
        Assert.Equal(1, (await sandbox.GetAsync("__sandbox/stats")).Body.GetProperty("injectedTimeouts").GetInt32());
    }

    [Fact]
    public async Task LateWriteRateOne_Answers504AndTheWriteLandsLater()
    {
        await using var sandbox = await StartAsync(s => s with { LateWriteRate = 1, LateWriteDelayMs = 1_000 });

        var response = await sandbox.PostAsync("crm/v3/objects/contacts", new { properties = new { email = "late@example.ca" } });
        var rightAfter = (await sandbox.GetAsync("__sandbox/dump")).Body.GetProperty("objects").GetProperty("contacts").GetArrayLength();

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.Status);
        Assert.Equal(0, rightAfter);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while ((await sandbox.GetAsync("__sandbox/dump")).Body.GetProperty("objects").GetProperty("contacts") is { } contacts
            && contacts.GetArrayLength() == 0)
        {
            await Task.Delay(50, timeout.Token);
        }

        var dump = (await sandbox.GetAsync("__sandbox/dump")).Body.GetProperty("objects").GetProperty("contacts");
        Assert.Equal("late@example.ca", Assert.Single(dump.EnumerateArray()).GetProperty("properties").GetProperty("email").GetString());
    }

    [Fact]
    public async Task LockThreshold_ThirdWriteToOneRecordWithinTheWindow_Returns423()
    {
        var clock = new ManualClock();
        await using var sandbox = await StartAsync(s => s with { LockThreshold = 2 }, clock);
        var id = await sandbox.CreateAsync("mock_exams", new { capacity = "1" });

        var second = await sandbox.PatchAsync($"crm/v3/objects/mock_exams/{id}", new { properties = new { capacity = "2" } });
        var third = await sandbox.PatchAsync($"crm/v3/objects/mock_exams/{id}", new { properties = new { capacity = "3" } });
        clock.Advance(TimeSpan.FromSeconds(2.1));
        var later = await sandbox.PatchAsync($"crm/v3/objects/mock_exams/{id}", new { properties = new { capacity = "4" } });

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(HttpStatusCode.Locked, third.Status);
        Assert.Equal(HttpStatusCode.OK, later.Status);
    }

    [Fact]
    public async Task Latency_DelaysEveryCrmCall()
    {
        await using var sandbox = await StartAsync(s => s with { LatencyMs = 200, LatencyJitter = 0 });
        var started = System.Diagnostics.Stopwatch.StartNew();

        await sandbox.GetAsync("crm/v3/objects/contacts");

        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(190), $"took {started.Elapsed}");
    }
}
