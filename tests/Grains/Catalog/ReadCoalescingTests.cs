using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MockExams.Catalog;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Grains.Catalog;

/// <summary>
/// However many readers miss the same key at once, the replica answers one query for it: the exam grain shares
/// one fill per key, and every catalog activation on both silos hands a missed key to that key's one fill grain.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ReadCoalescingTests(ReadClusterFixture fixture) : IClassFixture<ReadClusterFixture>
{
    private const int Readers = 256;

    [Fact]
    public async Task Bookings_256ConcurrentReadersOnAColdKey_OneReplicaQuery()
    {
        var examId = await ReadRows.InsertExamWithBookingsAsync(fixture.Database.DataSource, 50);
        using var queries = SiloCounter.ReplicaQueries(fixture.SiloServices, "bookings");

        var bodies = await ReadConcurrentlyAsync($"/api/mock-exams/{examId}/bookings");

        Assert.Equal(1, queries.Count);
        Assert.Single(bodies.Distinct());
    }

    [Fact]
    public async Task Exam_256ConcurrentReadersOnAColdKey_OneReplicaQuery()
    {
        var examId = await ReadRows.InsertExamAsync(fixture.Database.DataSource, ReadRows.NewLocation());
        using var queries = SiloCounter.ReplicaQueries(fixture.SiloServices, "exam");

        var bodies = await ReadConcurrentlyAsync($"/api/mock-exams/{examId}");

        Assert.Equal(1, queries.Count);
        Assert.Single(bodies.Distinct());
    }

    [Fact]
    public async Task List_256ConcurrentReadersOnAColdKey_OneReplicaQuery()
    {
        var location = ReadRows.NewLocation();
        for (var day = 1; day <= 3; day++)
        {
            await ReadRows.InsertExamAsync(fixture.Database.DataSource, location, new DateOnly(2027, 9, day));
        }

        using var queries = SiloCounter.ReplicaQueries(fixture.SiloServices, "exam-list");

        var bodies = await ReadConcurrentlyAsync($"/api/mock-exams?location={location}&page_size=10");

        Assert.Equal(1, queries.Count);
        Assert.Single(bodies.Distinct());
    }

    [Fact]
    public async Task Aggregates_256ConcurrentReadersOnAColdKey_OneReplicaQuery()
    {
        var location = ReadRows.NewLocation();
        await ReadRows.InsertExamAsync(fixture.Database.DataSource, location, capacity: 12, totalBookings: 3);
        using var queries = SiloCounter.ReplicaQueries(fixture.SiloServices, "exam-aggregates");

        var bodies = await ReadConcurrentlyAsync($"/api/mock-exams/aggregates?location={location}");

        Assert.Equal(1, queries.Count);
        Assert.Single(bodies.Distinct());
    }

    [Fact]
    public async Task List_ColdKeyMissedByCatalogActivationsOnEverySilo_OneReplicaQuery()
    {
        // Each silo's own grain factory reaches that silo's local stateless-worker activations, so both silos miss.
        var location = ReadRows.NewLocation();
        await ReadRows.InsertExamAsync(fixture.Database.DataSource, location);
        var query = new ExamListQuery(ExamFilter.Any with { Location = location }, Page: 1, PageSize: 5);
        var catalogs = fixture.Silos.Select(silo => silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IExamCatalogGrain>(0)).ToList();
        using var queries = SiloCounter.ReplicaQueries(fixture.SiloServices, "exam-list");
        using var start = new SemaphoreSlim(0);

        var readers = Enumerable.Range(0, Readers).Select(async i =>
        {
            await start.WaitAsync(TestContext.Current.CancellationToken);
            return await catalogs[i % catalogs.Count].ListExamsAsync(query, TestContext.Current.CancellationToken);
        }).ToList();
        start.Release(Readers);
        var bodies = await Task.WhenAll(readers);

        Assert.Equal(2, catalogs.Count);
        Assert.Equal(1, queries.Count);
        Assert.Single(bodies.Select(body => Convert.ToBase64String(body.Utf8)).Distinct());
    }

    private async Task<string[]> ReadConcurrentlyAsync(string path)
    {
        using var client = fixture.CreateClient("exams.view");
        using var start = new SemaphoreSlim(0);
        var readers = Enumerable.Range(0, Readers).Select(async _ =>
        {
            await start.WaitAsync(TestContext.Current.CancellationToken);
            var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        }).ToList();

        start.Release(Readers);
        return await Task.WhenAll(readers);
    }
}
