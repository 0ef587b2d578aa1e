using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MockExams.Exams;
using MockExams.Sandbox.Configuration;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Api.Cluster;

/// <summary>
/// A booking whose grain call is lost (its message never runs, as when it was inside a silo that died, or it runs and
/// its answer never comes back) is sent again by the api with the same key (api/Cluster/GrainCallRetry.cs): the client
/// is answered within a few seconds, not after Orleans' 30 s response timeout and a 503, and HubSpot holds the booking
/// exactly once, with or without the client's Idempotency-Key.
/// </summary>
public sealed class LostGrainCallTests(LostGrainCallTests.Fixture fixture) : IClassFixture<LostGrainCallTests.Fixture>
{
    /// <summary>Its own cluster: its silos lose the first booking attempt of the students the test names.</summary>
    public sealed class Fixture() : ClusterFixture(
        new Dictionary<string, string?> { ["Sync:Enabled"] = "false", ["Api:Failover:AttemptTimeoutMs"] = "2000" },
        new SandboxSettings { LatencyMs = 50 })
    {
        public LoseFirstAttempt Lose { get; } = new();

        protected override void ConfigureSilo(IServiceCollection services) => services.AddSingleton<IIncomingGrainCallFilter>(Lose);
    }

    /// <summary>Far below Orleans' 30 s response timeout, which is what a lost call waited for before.</summary>
    private static readonly TimeSpan AnsweredWithin = TimeSpan.FromSeconds(10);

    [Fact]
    public Task Booking_WithoutKey_FirstAttemptNeverRuns_IsMadeOnceAndAnsweredInTime() => LostOnceAsync(Loss.Request, clientKey: false);

    [Fact]
    public Task Booking_WithoutKey_FirstAttemptsAnswerIsLost_IsAnsweredWithTheBookingItMade() => LostOnceAsync(Loss.Answer, clientKey: false);

    [Fact]
    public Task Booking_WithClientKey_FirstAttemptsAnswerIsLost_IsAnsweredWithTheBookingItMade() => LostOnceAsync(Loss.Answer, clientKey: true);

    [Fact]
    public async Task Bookings_WithoutKey_ManyStudentsLoseTheirFirstAttempt_NoExamIsOverbookedAndNoStudentBookedTwice()
    {
        using var scenario = new WriteScenario(fixture);
        var examId = await scenario.CreateExamAsync(capacity: 5);
        var contacts = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var contact = await scenario.CreateContactAsync();
            contacts.Add(contact);
            fixture.Lose.Students[contact] = i % 2 == 0 ? Loss.Request : Loss.Answer;
        }

        // Each student twice at once (the second without a key too): one booking each at most, five seats in all.
        var answers = await Task.WhenAll(contacts.Concat(contacts).Select(async contact =>
        {
            using var response = await scenario.BookAsync(examId, contact);
            return (Contact: contact, response.StatusCode,
                BookingId: response.StatusCode == HttpStatusCode.Created ? (await WriteScenario.BookingOf(response)).GetProperty("booking_id").GetString() : null);
        }));

        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var booked = answers.Where(a => a.StatusCode == HttpStatusCode.Created).ToList();
        Assert.Equal(5, booked.Count);
        Assert.Equal(booked.Count, booked.Select(a => a.Contact).Distinct().Count());
        var inHubSpot = (await scenario.HubSpotBookingsAsync(examId)).Where(WriteScenario.IsActive)
            .Select(b => b.GetProperty("properties").GetProperty("booking_id").GetString()).ToHashSet();
        Assert.True(inHubSpot.SetEquals(booked.Select(a => a.BookingId)),
            $"HubSpot holds [{string.Join(", ", inHubSpot)}], clients were told [{string.Join(", ", booked.Select(a => a.BookingId))}]");
    }

    private async Task LostOnceAsync(Loss loss, bool clientKey)
    {
        using var scenario = new WriteScenario(fixture);
        var examId = await scenario.CreateExamAsync(capacity: 3);
        var contact = await scenario.CreateContactAsync();
        fixture.Lose.Students[contact] = loss;

        var clock = Stopwatch.StartNew();
        using var response = await scenario.BookAsync(examId, contact, clientKey ? Guid.NewGuid().ToString("N") : null);
        clock.Stop();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(clock.Elapsed < AnsweredWithin, $"answered after {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(fixture.Lose.Attempts.GetValueOrDefault(contact) >= 2, "the api sent the booking again");
        var bookingId = (await WriteScenario.BookingOf(response)).GetProperty("booking_id").GetString();
        var inHubSpot = (await scenario.HubSpotBookingsAsync(examId))
            .Where(b => b.GetProperty("properties").GetProperty("contact_id").GetString() == contact).ToList();
        var only = Assert.Single(inHubSpot);
        Assert.Equal(bookingId, only.GetProperty("properties").GetProperty("booking_id").GetString());
        Assert.True(WriteScenario.IsActive(only));
    }

    public enum Loss
    {
        /// <summary>The attempt never runs (its message was inside a silo that died).</summary>
        Request,

        /// <summary>The attempt runs (the booking is made) and its answer never reaches the api.</summary>
        Answer,
    }

    /// <summary>Loses the first booking attempt of each named student, as <see cref="Loss"/> says; the later ones pass.</summary>
    public sealed class LoseFirstAttempt : IIncomingGrainCallFilter
    {
        /// <summary>Longer than Orleans' 30 s response timeout: an answer held this long is lost for its caller.</summary>
        private static readonly TimeSpan Held = TimeSpan.FromSeconds(40);

        public ConcurrentDictionary<string, Loss> Students { get; } = new();

        public ConcurrentDictionary<string, int> Attempts { get; } = new();

        public async Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.Request.GetArgumentCount() == 0 || context.Request.GetArgument(0) is not BookingRequest request)
            {
                await context.Invoke();
                return;
            }

            Attempts.AddOrUpdate(request.ContactId, 1, (_, n) => n + 1);
            if (!Students.TryRemove(request.ContactId, out var loss))
            {
                await context.Invoke();
                return;
            }

            if (loss == Loss.Answer)
            {
                await context.Invoke();
            }

            // Held until the caller gives the attempt up (its cancellation reaches the grain) or Orleans' timeout has
            // passed; then the call fails, and its caller is no longer listening.
            try
            {
                await Task.Delay(Held, context.Request.GetCancellationToken());
            }
            catch (OperationCanceledException)
            {
            }

            throw new TimeoutException("This attempt was lost on purpose.");
        }
    }
}
