using System.Net;
using static MockExams.Tests.Sandbox.SandboxClient;

namespace MockExams.Tests.Sandbox;

public sealed class ObjectEndpointTests
{
    [Fact]
    public async Task Create_ValidExam_Returns201SimplePublicObjectWithStringProperties()
    {
        await using var sandbox = await StartAsync();

        var response = await sandbox.PostAsync("crm/v3/objects/2-41000001",
            new { properties = new { mock_exam_name = "SJ Toronto", capacity = 12, is_active = true } });

        Assert.Equal(HttpStatusCode.Created, response.Status);
        var body = response.Body;
        var id = body.GetProperty("id").GetString()!;
        Assert.True(long.Parse(id) > int.MaxValue);
        Assert.Equal("SJ Toronto", Prop(body, "mock_exam_name"));
        Assert.Equal("12", Prop(body, "capacity"));
        Assert.Equal("true", Prop(body, "is_active"));
        Assert.Equal(id, Prop(body, "hs_object_id"));
        Assert.Equal(body.GetProperty("createdAt").GetString(), Prop(body, "hs_createdate"));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", body.GetProperty("createdAt").GetString());
        Assert.False(body.GetProperty("archived").GetBoolean());
        Assert.NotNull(response.Header("X-HubSpot-Correlation-Id"));
    }

    [Theory]
    [InlineData("crm/v3/objects/2-41000001")]
    [InlineData("crm/v3/objects/mock_exams")]
    [InlineData("crm/v3/objects/p_mock_exams")]
    [InlineData("crm/v3/objects/p12345678_mock_exams")]
    [InlineData("crm/objects/2026-09/p_mock_exams")]
    [InlineData("crm/objects/2026-03/2-41000001")]
    public async Task Read_AnyFormOfTheTypeAndAnyApiVersion_FindsTheSameRecord(string path)
    {
        await using var sandbox = await StartAsync();
        var id = await sandbox.CreateAsync("2-41000001", new { mock_exam_name = "Clinical Skills" });

        var response = await sandbox.GetAsync($"{path}/{id}?properties=mock_exam_name");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Clinical Skills", Prop(response.Body, "mock_exam_name"));
    }

    [Fact]
    public async Task Read_WithoutProperties_ReturnsTheDefaultSetOnly()
    {
        await using var sandbox = await StartAsync();
        var id = await sandbox.CreateAsync("mock_exams", new { mock_exam_name = "Mini-mock" });

        var response = await sandbox.GetAsync($"crm/v3/objects/mock_exams/{id}");

        var names = response.Body.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order().ToArray();
        Assert.Equal(["hs_createdate", "hs_lastmodifieddate", "hs_object_id"], names);
    }

    [Fact]
    public async Task Read_AskedForEmptyAndUnknownProperties_EmptyIsNullUnknownIsLeftOut()
    {
        await using var sandbox = await StartAsync();
        var id = await sandbox.CreateAsync("mock_exams", new { mock_exam_name = "Mini-mock" });

        var response = await sandbox.GetAsync($"crm/v3/objects/mock_exams/{id}?properties=mock_exam_name,location,no_such_thing");

        var properties = response.Body.GetProperty("properties");
        Assert.Equal("Mini-mock", properties.GetProperty("mock_exam_name").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, properties.GetProperty("location").ValueKind);
        Assert.False(properties.TryGetProperty("no_such_thing", out _));
    }

    [Fact]
    public async Task Read_ByIdPropertyBookingId_FindsTheBookingWithItsAssociations()
    {
        await using var sandbox = await StartAsync();
        var examId = await sandbox.CreateAsync("mock_exams", new { mock_exam_name = "Mock Discussion" });
        var bookingId = await sandbox.CreateAsync("bookings", new { booking_id = "BK-1" }, ToExam(examId));

        var response = await sandbox.GetAsync("crm/v3/objects/bookings/BK-1?idProperty=booking_id&associations=mock_exams");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(bookingId, response.Body.GetProperty("id").GetString());
        var association = response.Body.GetProperty("associations").GetProperty("p12345678_mock_exams").GetProperty("results")[0];
        Assert.Equal(examId, association.GetProperty("id").GetString());
        Assert.Equal("booking_to_mock_exam", association.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Create_UnknownProperty_Returns400ValidationErrorWithPropertyDoesntExist()
    {
        await using var sandbox = await StartAsync();

        var response = await sandbox.PostAsync("crm/v3/objects/bookings", new { properties = new { booking_id = "B", colour = "red" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("error", response.Body.GetProperty("status").GetString());
        Assert.Equal("VALIDATION_ERROR", response.Body.GetProperty("category").GetString());
        Assert.Equal(response.Header("X-HubSpot-Correlation-Id"), response.Body.GetProperty("correlationId").GetString());
        var error = response.Body.GetProperty("errors")[0];
        Assert.Equal("PROPERTY_DOESNT_EXIST", error.GetProperty("code").GetString());
        Assert.Equal("colour", error.GetProperty("context").GetProperty("propertyName")[0].GetString());
        Assert.Empty((await sandbox.GetAsync("crm/v3/objects/bookings")).Body.GetProperty("results").EnumerateArray());
    }

    [Fact]
    public async Task Update_OneProperty_KeepsTheOthersAndMovesLastModified()
    {
        var clock = new ManualClock();
        await using var sandbox = await StartAsync(clock: clock);
        var id = await sandbox.CreateAsync("mock_exams", new { mock_exam_name = "Old", location = "Calgary" });
        clock.Advance(TimeSpan.FromSeconds(5));

        var response = await sandbox.PatchAsync($"crm/v3/objects/mock_exams/{id}", new { properties = new { mock_exam_name = "New" } });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("New", Prop(response.Body, "mock_exam_name"));
        Assert.Equal("Calgary", Prop(response.Body, "location"));
        Assert.Equal("2026-11-24T12:00:00.000Z", response.Body.GetProperty("createdAt").GetString());
        Assert.Equal("2026-11-24T12:00:05.000Z", response.Body.GetProperty("updatedAt").GetString());
        Assert.Equal("2026-11-24T12:00:05.000Z", Prop(response.Body, "hs_lastmodifieddate"));
    }

    [Fact]
    public async Task Update_MissingRecord_Returns404ObjectNotFound()
    {
        await using var sandbox = await StartAsync();

        var response = await sandbox.PatchAsync("crm/v3/objects/mock_exams/999", new { properties = new { location = "Ottawa" } });

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("OBJECT_NOT_FOUND", response.Body.GetProperty("category").GetString());
    }

    [Fact]
    public async Task Archive_Record_Returns204ThenReadIs404AndArchivedReadFindsIt()
    {
        await using var sandbox = await StartAsync();
        var id = await sandbox.CreateAsync("contacts", new { email = "gone@example.ca" });

        var archive = await sandbox.DeleteAsync($"crm/v3/objects/contacts/{id}");
        var read = await sandbox.GetAsync($"crm/v3/objects/contacts/{id}");
        var archivedRead = await sandbox.GetAsync($"crm/v3/objects/contacts/{id}?archived=true");

        Assert.Equal(HttpStatusCode.NoContent, archive.Status);
        Assert.Equal(HttpStatusCode.NotFound, read.Status);
        Assert.Equal("OBJECT_NOT_FOUND", read.Body.GetProperty("category").GetString());
        Assert.Equal(HttpStatusCode.OK, archivedRead.Status);
        Assert.True(archivedRead.Body.GetProperty("archived").GetBoolean());
        Assert.NotNull(archivedRead.Body.GetProperty("archivedAt").GetString());
    }

    [Fact]
    public async Task List_23Records_PagesOf10ToTheEndAndTheLastPageHasNoPaging()
    {
        await using var sandbox = await StartAsync();
        var created = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            created.Add(await sandbox.CreateAsync("contacts", new { email = $"s{i}@example.ca" }));
        }

        var seen = new List<string>();
        var pages = 0;
        string? after = null;
        do
        {
            var response = await sandbox.GetAsync("crm/v3/objects/contacts" + (after is null ? "" : $"?after={after}"));
            pages++;
            seen.AddRange(response.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()!));
            after = response.Body.TryGetProperty("paging", out var paging) ? paging.GetProperty("next").GetProperty("after").GetString() : null;
            if (after is not null)
            {
                Assert.StartsWith(sandbox.Host.BaseUrl.ToString(), paging.GetProperty("next").GetProperty("link").GetString());
            }
        }
        while (after is not null);

        Assert.Equal(3, pages);
        Assert.Equal(created, seen);
    }

    [Fact]
    public async Task List_ArchivedRecords_LeaveTheListAndPageInTheArchivedList()
    {
        await using var sandbox = await StartAsync();
        var created = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            created.Add(await sandbox.CreateAsync("contacts", new { email = $"a{i}@example.ca" }));
        }
        Assert.Equal(HttpStatusCode.NoContent, (await sandbox.DeleteAsync($"crm/v3/objects/contacts/{created[1]}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await sandbox.DeleteAsync($"crm/v3/objects/contacts/{created[4]}")).Status);

        var live = await ListIdsAsync(sandbox, "crm/v3/objects/contacts?limit=2");
        var archived = await ListIdsAsync(sandbox, "crm/v3/objects/contacts?limit=1&archived=true");

        Assert.Equal([created[0], created[2], created[3], created[5]], live);
        Assert.Equal([created[1], created[4]], archived);
    }

    private static async Task<List<string>> ListIdsAsync(SandboxClient sandbox, string path)
    {
        var seen = new List<string>();
        string? after = null;
        do
        {
            var response = await sandbox.GetAsync(path + (after is null ? "" : $"&after={after}"));
            seen.AddRange(response.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()!));
            after = response.Body.TryGetProperty("paging", out var paging) ? paging.GetProperty("next").GetProperty("after").GetString() : null;
        }
        while (after is not null);
        return seen;
    }

    [Fact]
    public async Task List_LimitAbove100_IsClampedTo100()
    {
        await using var sandbox = await StartAsync();
        foreach (var batch in new[] { 100, 1 })
        {
            var inputs = Enumerable.Range(0, batch).Select(i => new { properties = new { email = $"c{batch}-{i}@example.ca" } }).ToArray();
            Assert.Equal(HttpStatusCode.Created, (await sandbox.PostAsync("crm/v3/objects/contacts/batch/create", new { inputs })).Status);
        }

        var response = await sandbox.GetAsync("crm/v3/objects/contacts?limit=500");

        Assert.Equal(100, response.Body.GetProperty("results").GetArrayLength());
        Assert.True(response.Body.TryGetProperty("paging", out _));
    }
}
