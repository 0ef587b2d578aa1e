using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CsCheck;
using MockExams.Tests.Api.Input.Generated;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Api.Input;

/// <summary>
/// Property tests: CsCheck generates requests for every endpoint of the api (bodies, query strings, route values,
/// Idempotency-Key; wrong types, huge and empty values, control characters, unicode, duplicates, malformed JSON).
/// Never a 5xx; every 4xx is RFC 9457 problem details; a request carrying input the api must refuse is refused
/// without one HubSpot call and without a change to the replica. Cases per endpoint: <c>MOCKEXAMS_PROPERTY_CASES</c>
/// (default <see cref="DefaultCases"/>); the cluster is this class's own, so no other test's HubSpot calls count.
/// </summary>
public sealed class GeneratedInputTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>, IAsyncLifetime
{
    public const int DefaultCases = 1_000;
    public const string CasesVariable = "MOCKEXAMS_PROPERTY_CASES";

    private readonly HttpClient _client = fixture.CreateClient("exams.view", "exams.edit", "bookings.manage");
    private List<string> _knownIds = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable(CasesVariable), CultureInfo.InvariantCulture, out var cases) && cases > 0
        ? cases
        : DefaultCases;

    public static TheoryData<string> Endpoints => [.. EndpointSpec.All.Select(e => e.Name)];

    public static TheoryData<string> ReadEndpoints => [.. EndpointSpec.All.Where(e => e.ReadOnly).Select(e => e.Name)];

    public async ValueTask InitializeAsync()
    {
        // A real exam, so generated requests also aim at a record that exists. No booking: its exam's total_bookings
        // would be sent to HubSpot a little later, a call no generated request made.
        using var scenario = new WriteScenario(fixture);
        _knownIds = [await scenario.CreateExamAsync(capacity: 5), "B-0000000000"];
        await WaitForQuietAsync();
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_GeneratedRequestWithInputItMustRefuse_IsA4xxProblemWithoutHubSpotCallOrReplicaChange(string name)
    {
        var endpoint = EndpointSpec.All.Single(e => e.Name == name);
        var (callsBefore, replicaBefore) = (await HubSpotCallsAsync(), await ReplicaFingerprintAsync());
        var clock = Stopwatch.StartNew();

        await RequestGenerator.Draw.SampleAsync(async draw =>
        {
            var request = RequestGenerator.Build(endpoint, draw, _knownIds, poisoned: true);
            var status = await SendAndCheckAsync(request);
            Assert.True(status is >= 400 and < 500, $"{status} for a request it must refuse: {request}");
        }, iter: Cases, threads: 4, print: draw => RequestGenerator.Build(endpoint, draw, _knownIds, poisoned: true).ToString());

        TestContext.Current.SendDiagnosticMessage($"{name}: {Cases} cases in {clock.Elapsed.TotalSeconds:N1} s");
        Assert.Equal(callsBefore, await HubSpotCallsAsync());
        Assert.Equal(replicaBefore, await ReplicaFingerprintAsync());
    }

    [Theory]
    [MemberData(nameof(ReadEndpoints))]
    public async Task ReadEndpoint_AnyGeneratedRequest_NeverA5xxAndNoHubSpotCall(string name)
    {
        var endpoint = EndpointSpec.All.Single(e => e.Name == name);
        var (callsBefore, replicaBefore) = (await HubSpotCallsAsync(), await ReplicaFingerprintAsync());

        await RequestGenerator.Draw.SampleAsync(async draw =>
        {
            var request = RequestGenerator.Build(endpoint, draw, _knownIds, poisoned: false);
            var status = await SendAndCheckAsync(request);
            Assert.True(status < 500, $"{status}: {request}");
        }, iter: Cases, threads: 4, print: draw => RequestGenerator.Build(endpoint, draw, _knownIds, poisoned: false).ToString());

        Assert.Equal(callsBefore, await HubSpotCallsAsync());
        Assert.Equal(replicaBefore, await ReplicaFingerprintAsync());
    }

    // Sends the request; a 5xx fails, a 4xx must be problem details with its status and a title.
    private async Task<int> SendAndCheckAsync(GeneratedRequest request)
    {
        using var message = request.ToMessage();
        using var response = await _client.SendAsync(message, Token);
        var status = (int)response.StatusCode;
        Assert.True(status < 500, $"{status} {await response.Content.ReadAsStringAsync(Token)} for {request}");
        if (status >= 400)
        {
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                $"{status} with content type '{response.Content.Headers.ContentType}' for {request}");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
            Assert.Equal(status, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()), $"no title for {request}");
        }

        return status;
    }

    // The exam's creation may still settle a moment after its answer: wait until HubSpot hears nothing more.
    private async Task WaitForQuietAsync()
    {
        var last = await HubSpotCallsAsync();
        var quietSince = Stopwatch.StartNew();
        var deadline = Stopwatch.StartNew();
        while (quietSince.Elapsed < TimeSpan.FromSeconds(3) && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200, Token);
            var now = await HubSpotCallsAsync();
            if (now != last)
            {
                (last, quietSince) = (now, Stopwatch.StartNew());
            }
        }
    }

    // HubSpot calls by endpoint, as the sandbox counted them (a difference shows which call was made).
    private async Task<string> HubSpotCallsAsync()
    {
        using var sandbox = fixture.Sandbox.CreateClient();
        var stats = await sandbox.GetFromJsonAsync<JsonElement>("/__sandbox/stats", Token);
        return stats.GetProperty("callsByEndpoint").GetRawText();
    }

    // Every write of the replica changes a row count or a synced_at, an idempotency record or the quarantine.
    private async Task<string> ReplicaFingerprintAsync()
    {
        await using var command = fixture.Database.DataSource.CreateCommand("""
            select concat_ws(' | ',
                (select count(*) || '/' || coalesce(max(synced_at)::text, '-') from public.hubspot_mock_exams),
                (select count(*) || '/' || coalesce(max(synced_at)::text, '-') from public.hubspot_bookings),
                (select count(*) from public.idempotency_keys),
                (select count(*) from public.replica_quarantine),
                (select count(*) from public.sync_runs))
            """);
        return (string)(await command.ExecuteScalarAsync(Token))!;
    }
}
