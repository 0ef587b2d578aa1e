using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MockExams.Grains.HubSpot;

namespace MockExams.Tests.Grains.HubSpot;

/// <summary>
/// Budget taken ahead for a HubSpot call (the shared batch writer reserves, then takes its batch) is good for a short
/// while only: a call that did not go out within <see cref="HubSpotBudgetReservation.FreshFor"/> of its grant asks
/// the governor again. Otherwise calls granted apart, then held up (a stalled process, a starved thread pool), would
/// reach HubSpot together: a burst over its 10-second window that the bucket never allowed.
/// </summary>
public sealed class StaleBudgetGrantTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reservation_UsedAtOnce_IsTheCallsBudget_UsedLate_AsksTheGovernorAgain()
    {
        var hubSpot = new ScriptedHubSpot()
            .Then(HttpStatusCode.Created, HubSpotJson.Batch([HubSpotJson.Booking("61", "bk-fresh")]))
            .Then(HttpStatusCode.Created, HubSpotJson.Batch([HubSpotJson.Booking("62", "bk-late")]));
        var budget = new CountingBudget();
        var time = new MovableTime();
        using var host = await StartAsync(hubSpot, budget, time);
        var client = host.Services.GetRequiredService<HubSpotClient>();

        var fresh = await client.ReserveAsync(HubSpotLane.UserWrite, Ct);
        await client.CreateBookingsAsync([NewBooking("bk-fresh")], fresh, Ct);
        Assert.Equal(1, budget.Acquired);   // the reservation paid for the call

        var late = await client.ReserveAsync(HubSpotLane.UserWrite, Ct);
        time.Advance(HubSpotBudgetReservation.FreshFor + TimeSpan.FromMilliseconds(500));
        await client.CreateBookingsAsync([NewBooking("bk-late")], late, Ct);

        Assert.Equal(3, budget.Acquired);   // the stale grant was not used: the call asked again
        Assert.Equal(2, hubSpot.Requests.Count);
    }

    private static async Task<IHost> StartAsync(ScriptedHubSpot hubSpot, IHubSpotBudget budget, TimeProvider time)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HubSpot:BudgetKeyPrefix"] = HubSpotRedis.UniquePrefix(),
            ["ConnectionStrings:Redis"] = HubSpotRedis.ConnectionString,
        });
        // Registered before AddHubSpot, whose own registrations of these are TryAdd.
        builder.Services.AddSingleton(budget);
        builder.Services.AddSingleton(time);
        builder.AddHubSpot();
        builder.Services.AddHttpClient<HubSpotClient>().ConfigurePrimaryHttpMessageHandler(() => hubSpot);
        var host = builder.Build();
        await host.StartAsync(Ct);
        return host;
    }

    private static NewBooking NewBooking(string bookingId) =>
        new(bookingId, "501", "9001", "S-1", "Jean Roy", "jean@example.ca", "Active", true, "Toronto", new DateOnly(2026, 12, 1), "right");

    /// <summary>Grants every call at once and counts the asks.</summary>
    private sealed class CountingBudget : IHubSpotBudget
    {
        private int _acquired;

        public int Acquired => Volatile.Read(ref _acquired);

        public Task AcquireAsync(HubSpotLane lane, HubSpotCallKind kind, TimeSpan maxWait, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _acquired);
            return Task.CompletedTask;
        }

        public Task<TimeSpan> PauseAsync(HubSpotCallKind kind, string? policyName, TimeSpan? retryAfter, CancellationToken cancellationToken = default) =>
            Task.FromResult(TimeSpan.Zero);

        public Task<TimeSpan> ReportWindowRemainingAsync(int remaining, int max, CancellationToken cancellationToken = default) =>
            Task.FromResult(TimeSpan.Zero);

        public Task<HubSpotBudgetSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }

    /// <summary>
    /// A stopwatch that stands still until moved (a process that stalled between grant and call), so a loaded host's
    /// own slowness cannot age a grant; wall-clock time and timers stay the system's.
    /// </summary>
    private sealed class MovableTime : TimeProvider
    {
        private readonly long _start = System.GetTimestamp();
        private long _aheadTicks;

        public void Advance(TimeSpan by) => Interlocked.Add(ref _aheadTicks, by.Ticks);

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Volatile.Read(ref _aheadTicks));

        public override long GetTimestamp() =>
            _start + (long)(Volatile.Read(ref _aheadTicks) * (double)System.TimestampFrequency / TimeSpan.TicksPerSecond);

        public override long TimestampFrequency => System.TimestampFrequency;
    }
}
