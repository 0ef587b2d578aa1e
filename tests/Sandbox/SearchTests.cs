using System.Net;
using System.Text.Json;
using static MockExams.Tests.Sandbox.SandboxClient;

namespace MockExams.Tests.Sandbox;

public sealed class SearchTests
{
    private static object Filter(string propertyName, string op, object? value = null, object? highValue = null, object[]? values = null) =>
        new { propertyName, @operator = op, value, highValue, values };

    /// <summary>Searches exams with the given filter groups; answers their names in result order.</summary>
    private static async Task<List<string>> NamesAsync(SandboxClient sandbox, object filterGroups)
    {
        var response = await sandbox.PostAsync("crm/v3/objects/mock_exams/search", new { filterGroups, properties = new[] { "mock_exam_name" } });
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Body.GetProperty("results").EnumerateArray().Select(r => Prop(r, "mock_exam_name")).ToList();
    }

    private static async Task<SandboxClient> WithExamsAsync()
    {
        var sandbox = await StartAsync();
        var exams = new[]
        {
            new { mock_exam_name = "A", mock_type = "Situational Judgment", location = "Toronto", capacity = "8", exam_date = "2026-12-01" },
            new { mock_exam_name = "B", mock_type = "Clinical Skills", location = "Vancouver", capacity = "20", exam_date = "2026-12-15" },
            new { mock_exam_name = "C", mock_type = "Mini-mock", location = "Toronto", capacity = "100", exam_date = "2027-01-10" },
            new { mock_exam_name = "D", mock_type = "Mock Discussion", location = "Montréal", capacity = "9", exam_date = "2026-11-30" },
        };
        var inputs = exams.Select(e => new { properties = e }).ToArray();
        Assert.Equal(HttpStatusCode.Created, (await sandbox.PostAsync("crm/v3/objects/mock_exams/batch/create", new { inputs })).Status);
        return sandbox;
    }

    [Fact]
    public async Task Search_NumberProperty_ComparesNumbersNotText()
    {
        await using var sandbox = await WithExamsAsync();

        var names = await NamesAsync(sandbox, new[] { new { filters = new[] { Filter("capacity", "GT", "9") } } });

        Assert.Equal(["B", "C"], names);
    }

    [Fact]
    public async Task Search_FiltersInAGroup_AreAndedAndGroupsAreOred()
    {
        await using var sandbox = await WithExamsAsync();

        var names = await NamesAsync(sandbox, new[]
        {
            new { filters = new[] { Filter("location", "EQ", "toronto"), Filter("capacity", "LT", "50") } },
            new { filters = new[] { Filter("mock_type", "EQ", "Clinical Skills") } },
        });

        Assert.Equal(["A", "B"], names);
    }

    [Theory]
    [InlineData("IN", "A,D")]
    [InlineData("NOT_IN", "B,C")]
    public async Task Search_InAndNotIn_MatchAnyOfTheValues(string op, string expected)
    {
        await using var sandbox = await WithExamsAsync();

        var names = await NamesAsync(sandbox,
            new[] { new { filters = new[] { Filter("mock_type", op, values: ["Situational Judgment", "Mock Discussion"]) } } });

        Assert.Equal(expected.Split(','), names);
    }

    [Fact]
    public async Task Search_BetweenDatesGivenAsEpochMilliseconds_IsInclusive()
    {
        await using var sandbox = await WithExamsAsync();
        var from = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var to = new DateTimeOffset(2026, 12, 15, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

        var names = await NamesAsync(sandbox,
            new[] { new { filters = new[] { Filter("exam_date", "BETWEEN", from.ToString(), to.ToString()) } } });

        Assert.Equal(["A", "B"], names);
    }

    [Fact]
    public async Task Search_ContainsTokenAndHasProperty_MatchWordsAndPresence()
    {
        await using var sandbox = await WithExamsAsync();
        await sandbox.CreateAsync("mock_exams", new { mock_exam_name = "E" });

        var mock = await NamesAsync(sandbox, new[] { new { filters = new[] { Filter("mock_type", "CONTAINS_TOKEN", "mock") } } });
        var wildcard = await NamesAsync(sandbox, new[] { new { filters = new[] { Filter("mock_type", "CONTAINS_TOKEN", "clin*") } } });
        var noType = await NamesAsync(sandbox, new[] { new { filters = new[] { Filter("mock_type", "NOT_HAS_PROPERTY") } } });

        Assert.Equal(["C", "D"], mock);
        Assert.Equal(["B"], wildcard);
        Assert.Equal(["E"], noType);
    }

    [Fact]
    public async Task Search_SortDescendingWithOffsetPaging_WalksAllResultsOnce()
    {
        await using var sandbox = await WithExamsAsync();
        var names = new List<string>();
        string? after = null;
        var totals = new List<int>();
        do
        {
            var response = await sandbox.PostAsync("crm/v3/objects/mock_exams/search", new
            {
                sorts = new[] { new { propertyName = "capacity", direction = "DESCENDING" } },
                properties = new[] { "mock_exam_name" },
                limit = 3,
                after,
            });
            totals.Add(response.Body.GetProperty("total").GetInt32());
            names.AddRange(response.Body.GetProperty("results").EnumerateArray().Select(r => Prop(r, "mock_exam_name")));
            after = response.Body.TryGetProperty("paging", out var paging) ? paging.GetProperty("next").GetProperty("after").GetString() : null;
            if (after is not null)
            {
                Assert.Equal("3", after);
            }
        }
        while (after is not null);

        Assert.Equal(["C", "B", "D", "A"], names);
        Assert.Equal([4, 4], totals);
    }

    [Fact]
    public async Task Search_LastModifiedSinceEpochMs_FindsOnlyLaterChanges()
    {
        var clock = new ManualClock();
        await using var sandbox = await StartAsync(clock: clock);
        await sandbox.CreateAsync("bookings", new { booking_id = "early" });
        clock.Advance(TimeSpan.FromMinutes(1));
        var since = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await sandbox.CreateAsync("bookings", new { booking_id = "late" });

        var response = await sandbox.PostAsync("crm/v3/objects/bookings/search", new
        {
            filterGroups = new[] { new { filters = new[] { Filter("hs_lastmodifieddate", "GTE", since.ToString()) } } },
            sorts = new[] { new { propertyName = "hs_lastmodifieddate", direction = "ASCENDING" } },
            properties = new[] { "booking_id" },
        });

        var result = Assert.Single(response.Body.GetProperty("results").EnumerateArray());
        Assert.Equal("late", Prop(result, "booking_id"));
    }

    [Fact]
    public async Task Search_IdAndLastModifiedRanges_AnswerAsATestOfEveryRecordWould()
    {
        var clock = new ManualClock();
        await using var sandbox = await StartAsync(s => s with { SearchPerSecond = 1_000 }, clock);
        var start = clock.GetUtcNow();
        var ids = new List<long>();
        for (var batch = 0; batch < 3; batch++)
        {
            // Ten records per instant: many share a last-modified time, so the order within a tie is tested too.
            var inputs = Enumerable.Range(0, 10).Select(i => new { properties = new { booking_id = $"R{batch}-{i}" } }).ToArray();
            var created = await sandbox.PostAsync("crm/v3/objects/bookings/batch/create", new { inputs });
            ids.AddRange(created.Body.GetProperty("results").EnumerateArray().Select(r => long.Parse(r.GetProperty("id").GetString()!)));
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        ids.Sort();
        var edit = new[] { ids[2], ids[13], ids[27] }.Select(id => new { id = id.ToString(), properties = new { student_name = "Edited" } }).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await sandbox.PostAsync("crm/v3/objects/bookings/batch/update", new { inputs = edit })).Status);
        var gone = new[] { new { id = ids[5].ToString() }, new { id = ids[20].ToString() } };
        Assert.Equal(HttpStatusCode.NoContent, (await sandbox.PostAsync("crm/v3/objects/bookings/batch/archive", new { inputs = gone })).Status);
        var second = start.AddSeconds(1).ToUnixTimeMilliseconds().ToString();
        var third = start.AddSeconds(2).ToUnixTimeMilliseconds().ToString();
        var queries = new (object[] Filters, string? Sort, string Direction, int Limit, string? After)[]
        {
            ([Filter("hs_object_id", "GT", ids[3].ToString()), Filter("hs_object_id", "LT", ids[25].ToString())], "hs_object_id", "DESCENDING", 7, null),
            ([Filter("hs_object_id", "GT", ids[3].ToString()), Filter("hs_object_id", "LT", ids[25].ToString())], "hs_object_id", "DESCENDING", 7, "7"),
            ([Filter("hs_object_id", "GTE", ids[10].ToString()), Filter("hs_object_id", "LTE", ids[19].ToString())], "hs_object_id", "ASCENDING", 200, null),
            ([Filter("hs_object_id", "BETWEEN", ids[4].ToString(), ids[22].ToString())], null, "ASCENDING", 5, "5"),
            ([Filter("hs_object_id", "EQ", ids[7].ToString())], null, "ASCENDING", 10, null),
            ([Filter("hs_lastmodifieddate", "GTE", second)], "hs_lastmodifieddate", "ASCENDING", 200, null),
            ([Filter("hs_lastmodifieddate", "GTE", second)], "hs_lastmodifieddate", "DESCENDING", 8, "8"),
            ([Filter("hs_lastmodifieddate", "LT", third)], "hs_lastmodifieddate", "DESCENDING", 200, null),
            ([Filter("hs_lastmodifieddate", "EQ", second)], null, "ASCENDING", 200, null),
            ([], "hs_object_id", "DESCENDING", 10, null),
            ([], "hs_lastmodifieddate", "DESCENDING", 200, null),
            ([Filter("hs_object_id", "GT", ids[3].ToString()), Filter("hs_lastmodifieddate", "GTE", second)], "hs_lastmodifieddate", "DESCENDING", 200, null),
            ([Filter("hs_object_id", "GT", ids[3].ToString()), Filter("student_name", "NEQ", "Edited")], "hs_object_id", "DESCENDING", 200, null),
            ([Filter("hs_object_id", "LTE", ids[21].ToString())], "booking_id", "DESCENDING", 200, null),
        };

        foreach (var (filters, sort, direction, limit, after) in queries)
        {
            var indexed = await AnswerAsync(sandbox, [new { filters }], sort, direction, limit, after);
            // The same filters (and one every record passes) ORed with an impossible group: no range bounds an OR, so
            // every record is tested and the matches sorted.
            object[] everyRecord = [.. filters, Filter("hs_object_id", "HAS_PROPERTY")];
            var tested = await AnswerAsync(sandbox,
                [new { filters = everyRecord }, new { filters = new[] { Filter("booking_id", "EQ", "none") } }], sort, direction, limit, after);

            Assert.Equal(tested, indexed);
        }
        var firstPage = await AnswerAsync(sandbox, [new { filters = queries[0].Filters }], "hs_object_id", "DESCENDING", 7, null);
        Assert.Equal(string.Join(",", ids[24], ids[23], ids[22], ids[21], ids[19], ids[18], ids[17]), firstPage.Ids);
    }

    /// <summary>A search's total, its result ids in order (comma-separated, so answers compare by value) and its next offset.</summary>
    private static async Task<(int Total, string Ids, string? Next)> AnswerAsync(
        SandboxClient sandbox, object[] filterGroups, string? sort, string direction, int limit, string? after)
    {
        var response = await sandbox.PostAsync("crm/v3/objects/bookings/search", new
        {
            filterGroups,
            sorts = sort is null ? Array.Empty<object>() : [new { propertyName = sort, direction }],
            limit,
            after,
        });
        Assert.Equal(HttpStatusCode.OK, response.Status);
        var next = response.Body.TryGetProperty("paging", out var paging) ? paging.GetProperty("next").GetProperty("after").GetString() : null;
        return (response.Body.GetProperty("total").GetInt32(),
            string.Join(",", response.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString())), next);
    }

    [Theory]
    [InlineData(6, 1, 1)]
    [InlineData(1, 7, 1)]
    [InlineData(4, 5, 1)]
    public async Task Search_OverTheFilterLimits_Returns400(int groups, int filtersPerGroup, int sorts)
    {
        await using var sandbox = await StartAsync();
        var request = new
        {
            filterGroups = Enumerable.Range(0, groups)
                .Select(_ => new { filters = Enumerable.Range(0, filtersPerGroup).Select(_ => Filter("capacity", "GT", "1")).ToArray() })
                .ToArray(),
            sorts = Enumerable.Range(0, sorts).Select(_ => new { propertyName = "capacity", direction = "ASCENDING" }).ToArray(),
        };

        var response = await sandbox.PostAsync("crm/v3/objects/mock_exams/search", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("VALIDATION_ERROR", response.Body.GetProperty("category").GetString());
    }

    [Fact]
    public async Task Search_FiveGroupsOfThreeFilters_IsWithinTheLimits()
    {
        await using var sandbox = await StartAsync();
        var request = new
        {
            filterGroups = Enumerable.Range(0, 5)
                .Select(_ => new { filters = Enumerable.Range(0, 3).Select(_ => Filter("capacity", "GT", "1")).ToArray() })
                .ToArray(),
        };

        var response = await sandbox.PostAsync("crm/v3/objects/mock_exams/search", request);

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task Search_TwoSortsOrLimitAbove200_Returns400()
    {
        await using var sandbox = await StartAsync();

        var twoSorts = await sandbox.PostAsync("crm/v3/objects/mock_exams/search", new { sorts = new[] { "capacity", "-location" } });
        var bigPage = await sandbox.PostAsync("crm/v3/objects/mock_exams/search", new { limit = 201 });
        var maxPage = await sandbox.PostAsync("crm/v3/objects/mock_exams/search", new { limit = 200 });

        Assert.Equal(HttpStatusCode.BadRequest, twoSorts.Status);
        Assert.Equal(HttpStatusCode.BadRequest, bigPage.Status);
        Assert.Equal(HttpStatusCode.OK, maxPage.Status);
    }

    [Fact]
    public async Task Search_PagingPast10000Results_Returns400()
    {
        await using var sandbox = await StartAsync(s => s with { CallsPerTenSeconds = 250 });
        for (var batch = 0; batch < 101; batch++)
        {
            var inputs = Enumerable.Range(0, 100).Select(i => new { properties = new { booking_id = $"B{batch}-{i}" } }).ToArray();
            Assert.Equal(HttpStatusCode.Created, (await sandbox.PostAsync("crm/v3/objects/bookings/batch/create", new { inputs })).Status);
        }

        var lastPage = await sandbox.PostAsync("crm/v3/objects/bookings/search", new { limit = 200, after = "9800" });
        var next = lastPage.Body.GetProperty("paging").GetProperty("next").GetProperty("after").GetString();
        var beyond = await sandbox.PostAsync("crm/v3/objects/bookings/search", new { limit = 200, after = next });

        Assert.Equal(10_100, lastPage.Body.GetProperty("total").GetInt32());
        Assert.Equal(200, lastPage.Body.GetProperty("results").GetArrayLength());
        Assert.Equal("10000", next);
        Assert.Equal(HttpStatusCode.BadRequest, beyond.Status);
        Assert.Equal("VALIDATION_ERROR", beyond.Body.GetProperty("category").GetString());
    }

    [Fact]
    public async Task Search_UnknownOperator_Returns400()
    {
        await using var sandbox = await StartAsync();

        var response = await sandbox.PostAsync("crm/v3/objects/mock_exams/search",
            new { filterGroups = new[] { new { filters = new[] { Filter("capacity", "ROUGHLY", "1") } } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task Search_Results_HaveNoAssociationsAndTheDefaultProperties()
    {
        await using var sandbox = await WithExamsAsync();

        var response = await sandbox.PostAsync("crm/v3/objects/mock_exams/search", new { limit = 1 });

        var result = response.Body.GetProperty("results")[0];
        Assert.False(result.TryGetProperty("associations", out _));
        Assert.Equal(["hs_createdate", "hs_lastmodifieddate", "hs_object_id"],
            result.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(JsonValueKind.String, result.GetProperty("createdAt").ValueKind);
    }
}
