using System.Net;
using System.Text.Json;
using static MockExams.Tests.Sandbox.SandboxClient;

namespace MockExams.Tests.Sandbox;

public sealed class AdminEndpointTests
{
    [Fact]
    public async Task Seed_ExamsWithBookings_AreRealisticAndConsistentInTheDump()
    {
        await using var sandbox = await StartAsync();

        var seed = await sandbox.PostAsync("__sandbox/seed", new { exams = 6, bookingsPerExam = 7, randomSeed = 42 });
        var dump = (await sandbox.GetAsync("__sandbox/dump")).Body.GetProperty("objects");

        Assert.Equal(HttpStatusCode.OK, seed.Status);
        var exams = dump.GetProperty("mock_exams").EnumerateArray().ToList();
        var bookings = dump.GetProperty("bookings").EnumerateArray().ToList();
        Assert.Equal(6, exams.Count);
        Assert.Equal(42, bookings.Count);
        Assert.Equal(14, dump.GetProperty("contacts").GetArrayLength());
        string[] types = ["Situational Judgment", "Clinical Skills", "Mini-mock", "Mock Discussion"];
        foreach (var exam in exams)
        {
            var properties = exam.GetProperty("properties");
            var id = exam.GetProperty("id").GetString();
            var own = bookings.Where(b => b.GetProperty("associations").EnumerateArray().Any(a => a.GetProperty("toObjectId").GetString() == id)).ToList();
            var active = own.Count(b => b.GetProperty("properties").GetProperty("is_active").GetString() == "true");
            Assert.Equal(7, own.Count);
            Assert.Equal(active.ToString(), properties.GetProperty("total_bookings").GetString());
            Assert.True(int.Parse(properties.GetProperty("capacity").GetString()!) >= 7);
            Assert.Contains(properties.GetProperty("mock_type").GetString(), types);
            Assert.Matches(@"^\d\d:\d\d$", properties.GetProperty("start_time").GetString());
            Assert.All(own, b => Assert.Equal(id, b.GetProperty("properties").GetProperty("mock_exam_id").GetString()));
        }

        Assert.All(bookings, b => Assert.Contains(b.GetProperty("properties").GetProperty("dominant_hand").GetString(), new[] { "left", "right" }));
        Assert.All(bookings, b => Assert.Equal(2, b.GetProperty("associations").GetArrayLength()));
    }

    [Fact]
    public async Task Seed_Data_IsSearchableAtOnceAndUsesNoBudget()
    {
        await using var sandbox = await StartAsync(s => s with { SearchLagMs = 60_000 });

        await sandbox.PostAsync("__sandbox/seed", new { exams = 2, bookingsPerExam = 3 });
        var search = await sandbox.PostAsync("crm/v3/objects/bookings/search", new { limit = 0 });

        Assert.Equal(6, search.Body.GetProperty("total").GetInt32());
        Assert.Equal(1, (await sandbox.GetAsync("__sandbox/stats")).Body.GetProperty("totalCalls").GetInt32());
    }

    [Fact]
    public async Task Reset_ClearsRecordsStatsAndBudget()
    {
        await using var sandbox = await StartAsync(s => s with { CallsPerTenSeconds = 2 }, new ManualClock());
        await sandbox.CreateAsync("contacts", new { email = "r@example.ca" });
        await sandbox.GetAsync("crm/v3/objects/contacts");

        var reset = await sandbox.PostAsync("__sandbox/reset", new { });
        var list = await sandbox.GetAsync("crm/v3/objects/contacts");

        Assert.Equal(HttpStatusCode.NoContent, reset.Status);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Empty(list.Body.GetProperty("results").EnumerateArray());
        Assert.Equal(1, (await sandbox.GetAsync("__sandbox/stats")).Body.GetProperty("totalCalls").GetInt32());
    }

    [Fact]
    public async Task Stats_CountCallsByEndpointAndStatus()
    {
        await using var sandbox = await StartAsync();
        await sandbox.CreateAsync("contacts", new { email = "s@example.ca" });
        await sandbox.PostAsync("crm/v3/objects/contacts", new { properties = new { email = "s@example.ca" } });
        await sandbox.PostAsync("crm/v3/objects/contacts/search", new { });

        var stats = (await sandbox.GetAsync("__sandbox/stats")).Body;

        var creates = stats.GetProperty("callsByEndpoint").GetProperty("POST /crm/v3/objects/{objectType}");
        Assert.Equal(1, creates.GetProperty("201").GetInt32());
        Assert.Equal(1, creates.GetProperty("409").GetInt32());
        Assert.Equal(1, stats.GetProperty("searchCalls").GetInt32());
        Assert.Equal(2, stats.GetProperty("budget").GetProperty("usedInTenSecondWindowByToken").GetProperty("sandbox-token").GetInt32());
        Assert.Equal(3, stats.GetProperty("budget").GetProperty("usedToday").GetInt32());
    }

    [Fact]
    public async Task Config_UnknownKnob_Is400AndChangesNothing()
    {
        await using var sandbox = await StartAsync();

        var response = await sandbox.PutAsync("__sandbox/config", new { latencyMs = 5, warpSpeed = 9 });
        var config = await sandbox.GetAsync("__sandbox/config");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("warpSpeed", response.Body.GetProperty("message").GetString());
        Assert.Equal(0, config.Body.GetProperty("latencyMs").GetInt32());
        Assert.Equal("Conflict", config.Body.GetProperty("uniqueConflictStyle").GetString());
    }

    [Fact]
    public async Task Config_EnumKnobByName_IsApplied()
    {
        await using var sandbox = await StartAsync();

        var response = await sandbox.PutAsync("__sandbox/config", new { uniqueConflictStyle = "AlreadyHasValue", searchLagMs = 2500 });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("AlreadyHasValue", response.Body.GetProperty("uniqueConflictStyle").GetString());
        Assert.Equal(2500, sandbox.Host.Config.Current.SearchLagMs);
    }

    [Fact]
    public async Task DataFile_KeepsRecordsAcrossRestarts()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sandbox-{Guid.NewGuid():N}.json");
        try
        {
            string id;
            await using (var first = await StartAsync(s => s with { DataFile = path }))
            {
                id = await first.CreateAsync("bookings", new { booking_id = "KEEP" });
            }

            await using var second = await StartAsync(s => s with { DataFile = path });
            var read = await second.GetAsync("crm/v3/objects/bookings/KEEP?idProperty=booking_id");
            var next = await second.CreateAsync("bookings", new { booking_id = "NEXT" });

            Assert.Equal(id, read.Body.GetProperty("id").GetString());
            Assert.True(long.Parse(next) > long.Parse(id));
            Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(await File.ReadAllTextAsync(path, Ct)).RootElement.ValueKind);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
