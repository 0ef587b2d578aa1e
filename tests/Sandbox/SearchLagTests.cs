using System.Net;
using static MockExams.Tests.Sandbox.SandboxClient;

namespace MockExams.Tests.Sandbox;

public sealed class SearchLagTests
{
    private static object ByName(string name) =>
        new { filterGroups = new[] { new { filters = new[] { new { propertyName = "mock_exam_name", @operator = "EQ", value = name } } } } };

    [Fact]
    public async Task OutOfBandCreate_IsInvisibleToSearchUntilTheLagHasPassed()
    {
        var clock = new ManualClock();
        await using var sandbox = await StartAsync(s => s with { SearchLagMs = 2000 }, clock);

        var created = await sandbox.PostAsync("__sandbox/objects/mock_exams", new { properties = new { mock_exam_name = "Walk-in" } });
        var before = await sandbox.PostAsync("crm/v3/objects/mock_exams/search", ByName("Walk-in"));
        clock.Advance(TimeSpan.FromMilliseconds(1999));
        var almost = await sandbox.PostAsync("crm/v3/objects/mock_exams/search", ByName("Walk-in"));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var after = await sandbox.PostAsync("crm/v3/objects/mock_exams/search", ByName("Walk-in"));

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(0, before.Body.GetProperty("total").GetInt32());
        Assert.Equal(0, almost.Body.GetProperty("total").GetInt32());
        Assert.Equal(1, after.Body.GetProperty("total").GetInt32());
        Assert.Equal(created.Body.GetProperty("id").GetString(), after.Body.GetProperty("results")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task OutOfBandEdit_SearchSeesTheOldValueUntilTheLagAndTheReadSeesTheNewAtOnce()
    {
        var clock = new ManualClock();
        await using var sandbox = await StartAsync(s => s with { SearchLagMs = 3000 }, clock);
        var id = await sandbox.CreateAsync("mock_exams", new { mock_exam_name = "Before" });
        clock.Advance(TimeSpan.FromSeconds(3));

        var edit = await sandbox.PatchAsync($"__sandbox/objects/mock_exams/{id}", new { properties = new { mock_exam_name = "After" } });
        var read = await sandbox.GetAsync($"crm/v3/objects/mock_exams/{id}?properties=mock_exam_name");
        var oldInSearch = await sandbox.PostAsync("crm/v3/objects/mock_exams/search", ByName("Before"));
        clock.Advance(TimeSpan.FromSeconds(3));
        var newInSearch = await sandbox.PostAsync("crm/v3/objects/mock_exams/search", ByName("After"));
        var oldGone = await sandbox.PostAsync("crm/v3/objects/mock_exams/search", ByName("Before"));

        Assert.Equal(HttpStatusCode.OK, edit.Status);
        Assert.Equal("After", Prop(read.Body, "mock_exam_name"));
        Assert.Equal(1, oldInSearch.Body.GetProperty("total").GetInt32());
        Assert.Equal(1, newInSearch.Body.GetProperty("total").GetInt32());
        Assert.Equal(0, oldGone.Body.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task OutOfBandEdit_WithTheRealClock_ShowsUpInSearchAfterTheLag()
    {
        await using var sandbox = await StartAsync(s => s with { SearchLagMs = 400 });
        var id = await sandbox.CreateAsync("mock_exams", new { mock_exam_name = "Slow" });
        var started = DateTime.UtcNow;

        await sandbox.PatchAsync($"__sandbox/objects/mock_exams/{id}", new { properties = new { mock_exam_name = "Fast" } });
        var total = 0;
        while (total == 0 && DateTime.UtcNow - started < TimeSpan.FromSeconds(5))
        {
            total = (await sandbox.PostAsync("crm/v3/objects/mock_exams/search", ByName("Fast"))).Body.GetProperty("total").GetInt32();
            if (total == 0)
            {
                await Task.Delay(250, Ct);   // search allows 5 calls a second
            }
        }

        Assert.Equal(1, total);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(400));
    }

    [Fact]
    public async Task OutOfBandEdit_UsesNoBudgetAndMovesLastModified()
    {
        var clock = new ManualClock();
        await using var sandbox = await StartAsync(s => s with { CallsPerTenSeconds = 1 }, clock);
        var id = await sandbox.CreateAsync("mock_exams", new { mock_exam_name = "X" });
        clock.Advance(TimeSpan.FromSeconds(1));

        var edit = await sandbox.PatchAsync($"__sandbox/objects/mock_exams/{id}", new { properties = new { capacity = "30" } });
        var archive = await sandbox.DeleteAsync($"__sandbox/objects/mock_exams/{id}");

        Assert.Equal("2026-11-24T12:00:01.000Z", Prop(edit.Body, "hs_lastmodifieddate"));
        Assert.Equal(HttpStatusCode.NoContent, archive.Status);
        var stats = await sandbox.GetAsync("__sandbox/stats");
        Assert.Equal(1, stats.Body.GetProperty("totalCalls").GetInt32());
    }
}
