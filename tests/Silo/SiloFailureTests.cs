using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MockExams.Exams;
using MockExams.Sandbox.Configuration;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Silo;

/// <summary>
/// Promise 3 with a process dying: a silo that hosts exam grains stops without its graceful shutdown while their
/// booking batches are at HubSpot. Clients retry what was not answered with the same Idempotency-Key, the surviving
/// silo takes the exams over, and afterwards every booking a client was told it has exists exactly once, nothing else
/// does, and no exam is over capacity.
/// </summary>
public sealed class SiloFailureTests(SiloFailureTests.Fixture fixture) : IClassFixture<SiloFailureTests.Fixture>
{
    private const int Exams = 4;
    private const int Capacity = 6;
    private const int StudentsPerExam = 12;

    /// <summary>Its own cluster: the test kills one of the two silos.</summary>
    public sealed class Fixture() : ClusterFixture(
        new Dictionary<string, string?> { ["Sync:Enabled"] = "false" }, new SandboxSettings { LatencyMs = 50 });

    private static CancellationToken Token => WriteScenario.Token;

    [Fact]
    public async Task Bookings_SiloDiesWhileItsBatchesAreAtHubSpot_AnsweredBookingsExistOnceAndNoExamIsOverbooked()
    {
        using var scenario = new WriteScenario(fixture);
        var examIds = new List<string>();
        for (var i = 0; i < Exams; i++)
        {
            examIds.Add(await scenario.CreateExamAsync(Capacity));
        }

        var victim = await SiloHostingMostAsync(examIds);
        var requests = new List<(string ExamId, string ContactId)>();
        foreach (var examId in examIds)
        {
            for (var i = 0; i < StudentsPerExam; i++)
            {
                requests.Add((examId, await scenario.CreateContactAsync()));
            }
        }

        // Every HubSpot call now takes a second, so the batches are still in flight when the silo dies.
        fixture.Sandbox.Config.Update(settings => settings with { LatencyMs = 1000 });
        var unexpected = new ConcurrentBag<string>();
        var retries = new ConcurrentBag<string>();
        var clients = requests.Select(r => BookUntilAnsweredAsync(scenario, r.ExamId, r.ContactId, unexpected, retries)).ToList();
        await Task.Delay(400, Token);
        var bookedBeforeTheKill = clients.Count(c => c.IsCompletedSuccessfully && c.Result.Status == HttpStatusCode.Created);
        await ClusterFixture.KillAsync(victim);

        var answers = await Task.WhenAll(clients);
        fixture.Sandbox.Config.Update(settings => settings with { LatencyMs = 50 });

        Assert.Equal(0, bookedBeforeTheKill);   // the kill did come while the batches were at HubSpot
        // Clients whose answer was lost with the silo no longer see it: the api sends their bookings again itself
        // (api/Cluster/GrainCallRetry.cs), so a 503 here is only the grain's own "retry later".
        TestContext.Current.TestOutputHelper?.WriteLine($"{retries.Count} retries: {string.Join(", ", retries.GroupBy(r => r).Select(g => $"{g.Key} x{g.Count()}"))}");
        Assert.Empty(unexpected);
        foreach (var examId in examIds)
        {
            var booked = answers.Where(a => a.ExamId == examId && a.Status == HttpStatusCode.Created).Select(a => a.BookingId!).ToList();
            Assert.Equal(Capacity, booked.Count);
            Assert.All(answers.Where(a => a.ExamId == examId && a.Status != HttpStatusCode.Created),
                a => Assert.Equal(HttpStatusCode.Conflict, a.Status));

            var observed = "";
            await WriteScenario.EventuallyAsync(async () =>
            {
                var inHubSpot = (await scenario.HubSpotBookingsAsync(examId)).Where(WriteScenario.IsActive).ToList();
                var ids = inHubSpot.Select(b => b.GetProperty("properties").GetProperty("booking_id").GetString()).ToList();
                var replicaActive = await scenario.ReplicaActiveBookingsAsync(examId);
                var replicaTotal = await scenario.ReplicaTotalBookingsAsync(examId);
                var hubSpotTotal = await scenario.HubSpotTotalBookingsAsync(examId);
                observed = $"HubSpot active {ids.Count} (answered ones: {ids.Count(id => id is not null && booked.Contains(id))}), HubSpot total_bookings {hubSpotTotal}, "
                    + $"replica active {replicaActive}, replica total_bookings {replicaTotal}";
                return ids.Count == booked.Count && ids.ToHashSet().SetEquals(booked)
                    && replicaActive == Capacity && replicaTotal == Capacity && hubSpotTotal == $"{Capacity}";
            }, $"exam {examId}: HubSpot and the replica hold exactly the {Capacity} answered bookings and their total",
            // An exam grain of the surviving silo whose directory entry was on the dead one is deactivated by Orleans
            // with its total_bookings push owed; its reminder (first tick after a minute) wakes it to push.
            seconds: 100,
            observed: () => observed);

            var students = (await scenario.HubSpotBookingsAsync(examId)).Where(WriteScenario.IsActive)
                .Select(b => b.GetProperty("properties").GetProperty("contact_id").GetString()).ToList();
            Assert.Equal(students.Count, students.Distinct().Count());
        }
    }

    /// <summary>Sends the booking, and again with the same Idempotency-Key while the answer is "retry" (503) or none at all.</summary>
    private static async Task<Answer> BookUntilAnsweredAsync(
        WriteScenario scenario, string examId, string contactId, ConcurrentBag<string> unexpected, ConcurrentBag<string> retries)
    {
        var key = Guid.NewGuid().ToString("N");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        deadline.CancelAfter(TimeSpan.FromSeconds(120));
        while (true)
        {
            try
            {
                using var response = await scenario.BookAsync(examId, contactId, key);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    Assert.True(response.Headers.RetryAfter is not null, "503 without Retry-After");
                    retries.Add("503");
                }
                else if (response.StatusCode is HttpStatusCode.Created)
                {
                    var booking = await WriteScenario.BookingOf(response);
                    return new(examId, response.StatusCode, booking.GetProperty("booking_id").GetString());
                }
                else if (response.StatusCode is HttpStatusCode.Conflict)
                {
                    return new(examId, response.StatusCode, null);
                }
                else
                {
                    unexpected.Add($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Token)}");
                    return new(examId, response.StatusCode, null);
                }
            }
            catch (HttpRequestException ex)
            {
                retries.Add(ex.GetType().Name);   // no answer at all: the same request again
            }

            await Task.Delay(250, deadline.Token);
        }
    }

    private async Task<IHost> SiloHostingMostAsync(IReadOnlyList<string> examIds)
    {
        var counts = fixture.Silos.ToDictionary(silo => silo, _ => 0);
        foreach (var examId in examIds)
        {
            if (await fixture.SiloHostingAsync(fixture.Grains.GetGrain<IMockExamGrain>(examId)) is { } silo)
            {
                counts[silo]++;
            }
        }

        var victim = counts.MaxBy(pair => pair.Value);
        Assert.True(victim.Value > 0, "no exam grain is active on any silo");
        return victim.Key;
    }

    private sealed record Answer(string ExamId, HttpStatusCode Status, string? BookingId);
}
