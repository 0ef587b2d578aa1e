using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Api.Exams;

/// <summary>Paging of an exam's bookings: the exam list's parameters, defaults and checks, cut from one cached list.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BookingPagingTests(ClusterFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bookings_PagedByThree_EachPageHoldsItsRowsInOrderWithTheTotal()
    {
        var examId = await ReadRows.InsertExamWithBookingsAsync(fixture.Database.DataSource, 7);
        using var client = fixture.CreateClient("exams.view");
        var all = Ids(await client.GetFromJsonAsync<JsonElement>($"/api/mock-exams/{examId}/bookings", Cancel));
        using var queries = SiloCounter.ReplicaQueries(fixture.Silos.Select(s => s.Services), "bookings");

        var pages = new List<JsonElement>();
        for (var page = 1; page <= 4; page++)
        {
            pages.Add(await client.GetFromJsonAsync<JsonElement>($"/api/mock-exams/{examId}/bookings?page={page}&page_size=3", Cancel));
        }

        Assert.Equal(7, all.Length);
        Assert.Equal(all[..3], Ids(pages[0]));
        Assert.Equal(all[3..6], Ids(pages[1]));
        Assert.Equal(all[6..], Ids(pages[2]));
        Assert.Empty(Ids(pages[3]));
        Assert.All(pages, p => Assert.Equal(7, p.GetProperty("total").GetInt32()));
        Assert.All(pages, p => Assert.Equal(3, p.GetProperty("total_pages").GetInt32()));
        Assert.All(pages, p => Assert.Equal(3, p.GetProperty("page_size").GetInt32()));
        Assert.Equal([1, 2, 3, 4], pages.Select(p => p.GetProperty("page").GetInt32()));
        Assert.Equal(0, queries.Count);   // every page is cut from the list already cached
    }

    [Fact]
    public async Task Bookings_NoPaging_First50AndTheExamListsDefaults()
    {
        var examId = await ReadRows.InsertExamWithBookingsAsync(fixture.Database.DataSource, 52);
        using var client = fixture.CreateClient("exams.view");

        var body = await client.GetFromJsonAsync<JsonElement>($"/api/mock-exams/{examId}/bookings", Cancel);

        Assert.Equal(50, Ids(body).Length);
        Assert.Equal(1, body.GetProperty("page").GetInt32());
        Assert.Equal(50, body.GetProperty("page_size").GetInt32());
        Assert.Equal(52, body.GetProperty("total").GetInt32());
        Assert.Equal(2, body.GetProperty("total_pages").GetInt32());
    }

    [Fact]
    public async Task Bookings_PagingWithStatus_TotalCountsOnlyThatStatus()
    {
        var db = fixture.Database.DataSource;
        var examId = await ReadRows.InsertExamAsync(db, ReadRows.NewLocation());
        await ReadRows.InsertBookingAsync(db, examId, minute: 1);
        var cancelled = await ReadRows.InsertBookingAsync(db, examId, minute: 2, active: false);
        await ReadRows.InsertBookingAsync(db, examId, minute: 3);
        using var client = fixture.CreateClient("exams.view");

        var body = await client.GetFromJsonAsync<JsonElement>($"/api/mock-exams/{examId}/bookings?status=cancelled&page_size=1", Cancel);

        Assert.Equal([cancelled], Ids(body));
        Assert.Equal(1, body.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("page_size=0", "page_size")]
    [InlineData("page_size=201", "page_size")]
    public async Task Bookings_BadPaging_Is400NamingTheParameter(string query, string parameter)
    {
        var examId = await ReadRows.InsertExamAsync(fixture.Database.DataSource, ReadRows.NewLocation());
        using var client = fixture.CreateClient("exams.view");

        var response = await client.GetAsync($"/api/mock-exams/{examId}/bookings?{query}", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal([parameter], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    private static string[] Ids(JsonElement body) =>
        [.. body.GetProperty("bookings").EnumerateArray().Select(b => b.GetProperty("hubspot_id").GetString()!)];
}
