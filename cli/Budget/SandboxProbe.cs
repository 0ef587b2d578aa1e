using System.Net.Http.Json;
using System.Text.Json;

namespace MockExams.Cli.Budget;

/// <summary>The sandbox's own endpoints (no token, no budget): its counts of what it answered, and its limits.</summary>
internal sealed class SandboxProbe(HttpClient sandbox)
{
    /// <summary>HubSpot's limits as the sandbox enforces them.</summary>
    public sealed record Limits(int CallsPerTenSeconds, int SearchPerSecond, int LatencyMs);

    public async Task<SandboxCounts> CountsAsync(CancellationToken cancellationToken)
    {
        var stats = await sandbox.GetFromJsonAsync<JsonElement>("/__sandbox/stats", cancellationToken);
        long calls = 0, searches = 0;
        foreach (var endpoint in stats.GetProperty("callsByEndpoint").EnumerateObject())
        {
            var answered = endpoint.Value.EnumerateObject().Where(s => s.Name != "429").Sum(s => s.Value.GetInt64());
            if (endpoint.Name.EndsWith("/search", StringComparison.Ordinal))
            {
                searches += answered;
            }
            else
            {
                calls += answered;
            }
        }
        var rateLimited = stats.GetProperty("rateLimitedByPolicy").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        var window = stats.GetProperty("budget").GetProperty("usedInTenSecondWindowByToken").EnumerateObject()
            .Select(t => t.Value.GetInt32()).DefaultIfEmpty(0).Max();
        return new SandboxCounts(calls, searches, rateLimited, window);
    }

    public async Task<Limits> LimitsAsync(CancellationToken cancellationToken)
    {
        using var response = await sandbox.GetAsync("/__sandbox/config", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new BudgetBenchException(
                $"{sandbox.BaseAddress} answered {(int)response.StatusCode} to /__sandbox/config: the benchmark needs the sandbox, whose stats are HubSpot's count.");
        }
        var config = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return new Limits(
            config.GetProperty("callsPerTenSeconds").GetInt32(), config.GetProperty("searchPerSecond").GetInt32(), config.GetProperty("latencyMs").GetInt32());
    }

    public async Task SetLimitsAsync(int callsPerTenSeconds, int searchPerSecond, CancellationToken cancellationToken)
    {
        using var response = await sandbox.PutAsJsonAsync("/__sandbox/config",
            new Dictionary<string, int> { ["callsPerTenSeconds"] = callsPerTenSeconds, ["searchPerSecond"] = searchPerSecond }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
