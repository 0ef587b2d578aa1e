using System.Net;
using static MockExams.Tests.Sandbox.SandboxClient;

namespace MockExams.Tests.Sandbox;

/// <summary>The failures a model test needs: per-input refusals, budget refusals, and faults aimed at one kind of call.</summary>
public sealed class TargetedFaultTests
{
    [Fact]
    public async Task InputRefusalRateOne_InputsWithTraceIds_EachFailsAloneIn207AndNothingIsWritten()
    {
        await using var sandbox = await StartAsync(s => s with { InputRefusalRate = 1 });

        var response = await sandbox.PostAsync("crm/v3/objects/contacts/batch/create", new
        {
            inputs = new[]
            {
                new { properties = new { email = "a@example.ca" }, objectWriteTraceId = "a" },
                new { properties = new { email = "b@example.ca" }, objectWriteTraceId = "b" },
            },
        });

        Assert.Equal(HttpStatusCode.MultiStatus, response.Status);
        Assert.Empty(response.Body.GetProperty("results").EnumerateArray());
        Assert.Equal(["a", "b"], response.Body.GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("context").GetProperty("objectWriteTraceId")[0].GetString()).Order());
        Assert.All(response.Body.GetProperty("errors").EnumerateArray(),
            e => Assert.Equal("VALIDATION_ERROR", e.GetProperty("category").GetString()));
        Assert.Empty((await sandbox.GetAsync("__sandbox/dump")).Body.GetProperty("objects").GetProperty("contacts").EnumerateArray());
    }

    [Fact]
    public async Task InputRefusalRateOne_InputWithoutTraceId_RejectsTheWholeBatch()
    {
        await using var sandbox = await StartAsync(s => s with { InputRefusalRate = 1 });

        var response = await sandbox.PostAsync("crm/v3/objects/contacts/batch/create",
            new { inputs = new[] { new { properties = new { email = "a@example.ca" } } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("VALIDATION_ERROR", response.Body.GetProperty("category").GetString());
    }

    [Fact]
    public async Task RateLimitRateOne_Answers429WithoutSpendingBudget()
    {
        await using var sandbox = await StartAsync(s => s with { RateLimitRate = 1, CallsPerTenSeconds = 5 });

        var response = await sandbox.GetAsync("crm/v3/objects/contacts");
        sandbox.Host.Config.Update(s => s with { RateLimitRate = 0 });
        var after = await sandbox.GetAsync("crm/v3/objects/contacts");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.Status);
        Assert.Equal("TEN_SECONDLY_ROLLING", response.Body.GetProperty("policyName").GetString());
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal("4", after.Header("X-HubSpot-RateLimit-Remaining"));
    }

    [Fact]
    public async Task FaultPaths_BookingUpdatesOnly_FailThoseAndSpareCreatesWhicheverWayTheTypeIsSpelled()
    {
        await using var sandbox = await StartAsync(s => s with { ErrorRate = 1, FaultPaths = "bookings/batch/update" });

        var created = await sandbox.PostAsync("crm/v3/objects/2-41000002/batch/create", new
        {
            inputs = new[] { new { properties = new { booking_id = "B-1", is_active = "true" } } },
        });
        var id = created.Body.GetProperty("results")[0].GetProperty("id").GetString();
        var byTypeId = await sandbox.PostAsync("crm/v3/objects/2-41000002/batch/update",
            new { inputs = new[] { new { id, properties = new { is_active = "false" } } } });
        var byName = await sandbox.PostAsync("crm/objects/2026-09/bookings/batch/update",
            new { inputs = new[] { new { id, properties = new { is_active = "false" } } } });

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.InRange((int)byTypeId.Status, 500, 504);
        Assert.InRange((int)byName.Status, 500, 504);
    }

    [Fact]
    public async Task Config_NewKnobs_AreSettableAtRunTime()
    {
        await using var sandbox = await StartAsync();

        var response = await sandbox.PutAsync("__sandbox/config", new { inputRefusalRate = 0.5, rateLimitRate = 0.25, faultPaths = "bookings" });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(0.5, sandbox.Host.Config.Current.InputRefusalRate);
        Assert.Equal(0.25, sandbox.Host.Config.Current.RateLimitRate);
        Assert.Equal("bookings", sandbox.Host.Config.Current.FaultPaths);
    }
}
