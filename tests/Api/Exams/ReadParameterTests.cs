using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Api.Exams;

/// <summary>Every bad query parameter gets a 400 RFC 9457 problem that names it, before any grain is called.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ReadParameterTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData("/api/mock-exams?startDate=2027-13-01", "startDate")]
    [InlineData("/api/mock-exams?startDate=14/03/2027", "startDate")]
    [InlineData("/api/mock-exams?endDate=tomorrow", "endDate")]
    [InlineData("/api/mock-exams?startDate=2027-03-14&endDate=2027-03-13", "endDate")]
    [InlineData("/api/mock-exams?is_active=yes", "is_active")]
    [InlineData("/api/mock-exams?page=0", "page")]
    [InlineData("/api/mock-exams?page=-1", "page")]
    [InlineData("/api/mock-exams?page=two", "page")]
    [InlineData("/api/mock-exams?page=1&page=2", "page")]
    [InlineData("/api/mock-exams?page_size=201", "page_size")]
    [InlineData("/api/mock-exams?page_size=0", "page_size")]
    [InlineData("/api/mock-exams?page_size=1.5", "page_size")]
    [InlineData("/api/mock-exams?page_size=99999999999", "page_size")]
    [InlineData("/api/mock-exams/aggregates?startDate=2027-02-30", "startDate")]
    [InlineData("/api/mock-exams/aggregates?startDate=2027-03-14&endDate=2027-01-01", "endDate")]
    [InlineData("/api/mock-exams/aggregates?is_active=1", "is_active")]
    [InlineData("/api/mock-exams/123/bookings?status=pending", "status")]
    [InlineData("/api/mock-exams/123/bookings?status=Booked", "status")]
    public async Task Read_BadParameter_Is400ProblemNamingIt(string path, string parameter)
    {
        using var client = fixture.CreateClient("exams.view");

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal([parameter], problem.GetProperty("errors").EnumerateObject().Select(error => error.Name));
        Assert.Contains($"'{parameter}'", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task List_TextFilterOverMaximumLength_Is400NamingIt()
    {
        using var client = fixture.CreateClient("exams.view");

        var response = await client.GetAsync($"/api/mock-exams?location={new string('x', 201)}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty("location", out _));
    }

    [Fact]
    public async Task List_SeveralBadParameters_NamesEachOfThem()
    {
        using var client = fixture.CreateClient("exams.view");

        var response = await client.GetAsync("/api/mock-exams?is_active=maybe&startDate=x&page_size=500",
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(["is_active", "page_size", "startDate"],
            problem.GetProperty("errors").EnumerateObject().Select(error => error.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/api/mock-exams?page_size=200&page=1")]
    [InlineData("/api/mock-exams?is_active=FALSE&startDate=2027-01-01&endDate=2027-01-01")]
    [InlineData("/api/mock-exams?is_active=&startDate=&mock_type=&location=")]
    public async Task List_BoundaryValues_AreAccepted(string path)
    {
        using var client = fixture.CreateClient("exams.view");

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
