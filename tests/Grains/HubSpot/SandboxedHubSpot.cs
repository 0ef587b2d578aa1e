using System.Globalization;
using MockExams.Grains.HubSpot;
using MockExams.Sandbox.Configuration;
using MockExams.Sandbox.Crm;
using MockExams.Sandbox.Hosting;
using MockExams.Sandbox.Observability;

namespace MockExams.Tests.Grains.HubSpot;

/// <summary>
/// An in-process sandbox for one test, plus any number of "processes" (own Redis connection,
/// governor and client, built by AddHubSpot) that share one budget through Redis.
/// </summary>
public sealed class SandboxedHubSpot : IAsyncDisposable
{
    private readonly List<HubSpotTestProcess> _processes = [];

    private SandboxedHubSpot(SandboxHost sandbox) => Sandbox = sandbox;

    public SandboxHost Sandbox { get; }

    public string KeyPrefix { get; } = HubSpotRedis.UniquePrefix();

    public static async Task<SandboxedHubSpot> StartAsync(Func<SandboxSettings, SandboxSettings> configure) =>
        new(await SandboxHost.StartAsync(configure(new SandboxSettings { LatencyMs = 0, SearchLagMs = 0 }),
            cancellationToken: TestContext.Current.CancellationToken));

    /// <summary>A process whose HubSpot settings are the defaults, aimed at this sandbox, changed by <paramref name="settings"/>.</summary>
    public async Task<HubSpotTestProcess> StartProcessAsync(Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        settings["BaseUrl"] = Sandbox.BaseUrl.ToString();
        var process = await HubSpotTestProcess.StartAsync(KeyPrefix, settings);
        _processes.Add(process);
        return process;
    }

    public StatsSnapshot Stats => Sandbox.Stats.Snapshot(Sandbox.RateLimiter.Snapshot(), Sandbox.Store.OverCapacityExams());

    public long CallsTo(string endpointSuffix) =>
        Stats.CallsByEndpoint.Where(e => e.Key.EndsWith(endpointSuffix, StringComparison.Ordinal)).Sum(e => e.Value.Values.Sum());

    /// <summary>The sandbox's bookings (the dump), unarchived.</summary>
    public IReadOnlyList<CrmRecord> Bookings =>
        [.. Sandbox.Store.Export().Records.Where(r => r.ObjectTypeId == Sandbox.Store.Types.Bookings.ObjectTypeId && !r.Archived)];

    public string SeedExam(int capacity = 1000) => Seed(Sandbox.Store.Types.MockExams, new Dictionary<string, string?>
    {
        [ExamProperties.MockExamName] = "Mock OSCE Toronto", [ExamProperties.MockType] = "Clinical Skills",
        [ExamProperties.ExamDate] = "2026-12-01", [ExamProperties.Location] = "Toronto",
        [ExamProperties.Capacity] = capacity.ToString(CultureInfo.InvariantCulture), [ExamProperties.TotalBookings] = "0",
        [ExamProperties.IsActive] = "true",
    });

    public string SeedContact() => Seed(Sandbox.Store.Types.Contacts, new Dictionary<string, string?>
    {
        ["email"] = $"{Guid.NewGuid():N}@example.ca", ["firstname"] = "Jean", ["lastname"] = "Roy",
    });

    /// <summary>Bookings already in HubSpot (no budget, no webhooks, visible to search at once), 500 per store write.</summary>
    public void SeedBookings(string examId, int count)
    {
        foreach (var chunk in Enumerable.Range(0, count).Chunk(500))
        {
            var outcome = Sandbox.Store.Create(Sandbox.Store.Types.Bookings,
                [.. chunk.Select(i => new WriteRequest(new Dictionary<string, string?>
                {
                    [BookingProperties.BookingId] = $"seed-{i}", [BookingProperties.MockExamId] = examId,
                    [BookingProperties.BookingStatus] = "Active", [BookingProperties.IsActive] = "true",
                    [BookingProperties.ExamDate] = "2026-12-01", [BookingProperties.StudentName] = $"Student {i}",
                }))],
                ChangeSource.Seed);
            Assert.Null(outcome.Rejected);
        }
    }

    public static NewBooking NewBooking(string examId, string contactId, string? bookingId = null) =>
        new(bookingId ?? $"bk-{Guid.NewGuid():N}", examId, contactId, "S-1", "Jean Roy", "jean@example.ca", "Active", true,
            "Toronto", new DateOnly(2026, 12, 1), "right");

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
        await Sandbox.DisposeAsync();
    }

    private string Seed(ObjectTypeDefinition type, Dictionary<string, string?> properties)
    {
        var outcome = Sandbox.Store.Create(type, [new WriteRequest(properties)], ChangeSource.Seed);
        Assert.Null(outcome.Rejected);
        return outcome.Results[0].Record!.Id.ToString(CultureInfo.InvariantCulture);
    }
}
