using System.Net;
using static MockExams.Tests.Sandbox.SandboxClient;

namespace MockExams.Tests.Sandbox;

public sealed class BatchEndpointTests
{
    [Theory]
    [InlineData("create")]
    [InlineData("read")]
    [InlineData("update")]
    [InlineData("upsert")]
    [InlineData("archive")]
    public async Task Batch_101Inputs_IsRejectedWith400(string operation)
    {
        await using var sandbox = await StartAsync();
        var inputs = Enumerable.Range(0, 101)
            .Select(i => new { id = $"{i}", idProperty = "booking_id", properties = new { booking_id = $"B{i}" } })
            .ToArray();

        var response = await sandbox.PostAsync($"crm/v3/objects/bookings/batch/{operation}", new { inputs });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("VALIDATION_ERROR", response.Body.GetProperty("category").GetString());
        Assert.Empty((await sandbox.GetAsync("crm/v3/objects/bookings")).Body.GetProperty("results").EnumerateArray());
    }

    [Fact]
    public async Task BatchCreate_100Inputs_Returns201WithAllResults()
    {
        await using var sandbox = await StartAsync();
        var inputs = Enumerable.Range(0, 100).Select(i => new { properties = new { booking_id = $"B{i}" } }).ToArray();

        var response = await sandbox.PostAsync("crm/objects/2026-09/bookings/batch/create", new { inputs });

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal("COMPLETE", response.Body.GetProperty("status").GetString());
        Assert.Equal(100, response.Body.GetProperty("results").GetArrayLength());
        Assert.False(response.Body.TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task BatchCreate_WithTraceIdsAndOneBadInput_Returns207WithTheGoodOnesWritten()
    {
        await using var sandbox = await StartAsync();
        var examId = await sandbox.CreateAsync("mock_exams", new { mock_exam_name = "SJ" });
        await sandbox.CreateAsync("bookings", new { booking_id = "TAKEN" });

        var response = await sandbox.PostAsync("crm/v3/objects/bookings/batch/create", new
        {
            inputs = new object[]
            {
                new { properties = new { booking_id = "A" }, associations = ToExam(examId), objectWriteTraceId = "t-a" },
                new { properties = new { booking_id = "TAKEN" }, objectWriteTraceId = "t-dup" },
                new { properties = new { booking_id = "C", shoe_size = "9" }, objectWriteTraceId = "t-bad" },
                new { properties = new { booking_id = "D" }, objectWriteTraceId = "t-d" },
            },
        });

        Assert.Equal(HttpStatusCode.MultiStatus, response.Status);
        var results = response.Body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["A", "D"], results.Select(r => Prop(r, "booking_id")));
        Assert.Equal(["t-a", "t-d"], results.Select(r => r.GetProperty("objectWriteTraceId").GetString()));
        Assert.Equal(2, response.Body.GetProperty("numErrors").GetInt32());
        var errors = response.Body.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(["t-dup", "t-bad"], errors.Select(e => e.GetProperty("context").GetProperty("objectWriteTraceId")[0].GetString()));
        Assert.Equal(["CONFLICT", "VALIDATION_ERROR"], errors.Select(e => e.GetProperty("category").GetString()));
        var read = await sandbox.GetAsync("crm/v3/objects/bookings/A?idProperty=booking_id&associations=mock_exams");
        Assert.Equal(examId, read.Body.GetProperty("associations").GetProperty("p12345678_mock_exams").GetProperty("results")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task BatchCreate_WithoutTraceIdsAndOneBadInput_RejectsTheWholeBatch()
    {
        await using var sandbox = await StartAsync();

        var response = await sandbox.PostAsync("crm/v3/objects/bookings/batch/create", new
        {
            inputs = new object[]
            {
                new { properties = new { booking_id = "A" } },
                new { properties = new { booking_id = "B", shoe_size = "9" } },
            },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("VALIDATION_ERROR", response.Body.GetProperty("category").GetString());
        Assert.Equal("PROPERTY_DOESNT_EXIST", response.Body.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Empty((await sandbox.GetAsync("crm/v3/objects/bookings")).Body.GetProperty("results").EnumerateArray());
    }

    [Fact]
    public async Task BatchCreate_SameBookingIdTwiceInOneBatch_RejectsTheBatch()
    {
        await using var sandbox = await StartAsync();

        var response = await sandbox.PostAsync("crm/v3/objects/bookings/batch/create", new
        {
            inputs = new[] { new { properties = new { booking_id = "SAME" } }, new { properties = new { booking_id = "SAME" } } },
        });

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Empty((await sandbox.GetAsync("crm/v3/objects/bookings")).Body.GetProperty("results").EnumerateArray());
    }

    [Fact]
    public async Task BatchRead_SomeIdsMissing_Returns207WithObjectNotFoundListingThem()
    {
        await using var sandbox = await StartAsync();
        var id = await sandbox.CreateAsync("bookings", new { booking_id = "R1", student_name = "Émilie Tremblay" });

        var response = await sandbox.PostAsync("crm/v3/objects/bookings/batch/read", new
        {
            properties = new[] { "student_name" },
            inputs = new[] { new { id }, new { id = "123" } },
        });

        Assert.Equal(HttpStatusCode.MultiStatus, response.Status);
        var result = Assert.Single(response.Body.GetProperty("results").EnumerateArray());
        Assert.Equal("Émilie Tremblay", Prop(result, "student_name"));
        var error = Assert.Single(response.Body.GetProperty("errors").EnumerateArray());
        Assert.Equal("OBJECT_NOT_FOUND", error.GetProperty("category").GetString());
        Assert.Equal("123", error.GetProperty("context").GetProperty("ids")[0].GetString());
    }

    [Fact]
    public async Task BatchRead_ByBookingId_FindsAll()
    {
        await using var sandbox = await StartAsync();
        await sandbox.CreateAsync("bookings", new { booking_id = "X1" });
        await sandbox.CreateAsync("bookings", new { booking_id = "X2" });

        var response = await sandbox.PostAsync("crm/v3/objects/bookings/batch/read", new
        {
            idProperty = "booking_id",
            properties = new[] { "booking_id" },
            inputs = new[] { new { id = "X1" }, new { id = "X2" } },
        });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(["X1", "X2"], response.Body.GetProperty("results").EnumerateArray().Select(r => Prop(r, "booking_id")));
    }

    [Fact]
    public async Task BatchUpdate_TwoRecords_Returns200AndChangesBoth()
    {
        await using var sandbox = await StartAsync();
        var first = await sandbox.CreateAsync("bookings", new { booking_id = "U1", is_active = "true" });
        var second = await sandbox.CreateAsync("bookings", new { booking_id = "U2", is_active = "true" });

        var response = await sandbox.PostAsync("crm/v3/objects/bookings/batch/update", new
        {
            inputs = new[] { new { id = first, properties = new { is_active = "false" } }, new { id = second, properties = new { is_active = "false" } } },
        });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.All(response.Body.GetProperty("results").EnumerateArray(), r => Assert.Equal("false", Prop(r, "is_active")));
    }

    [Fact]
    public async Task BatchUpsert_ExistingAndNewBookingIds_UpdatesOneCreatesTheOther()
    {
        await using var sandbox = await StartAsync();
        var existing = await sandbox.CreateAsync("bookings", new { booking_id = "UP1", attendance = "No" });

        var response = await sandbox.PostAsync("crm/v3/objects/bookings/batch/upsert", new
        {
            inputs = new[]
            {
                new { id = "UP1", idProperty = "booking_id", properties = new { attendance = "Yes" } },
                new { id = "UP2", idProperty = "booking_id", properties = new { attendance = "Yes" } },
            },
        });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var results = response.Body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(existing, results[0].GetProperty("id").GetString());
        Assert.False(results[0].GetProperty("new").GetBoolean());
        Assert.True(results[1].GetProperty("new").GetBoolean());
        Assert.Equal("UP2", Prop(results[1], "booking_id"));
        Assert.All(results, r => Assert.Equal("Yes", Prop(r, "attendance")));
    }

    [Fact]
    public async Task BatchArchive_Ids_Returns204AndTheyAreGone()
    {
        await using var sandbox = await StartAsync();
        var id = await sandbox.CreateAsync("bookings", new { booking_id = "Z1" });

        var response = await sandbox.PostAsync("crm/v3/objects/bookings/batch/archive", new { inputs = new[] { new { id }, new { id = "42" } } });

        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await sandbox.GetAsync($"crm/v3/objects/bookings/{id}")).Status);
    }
}
