using System.Net.Http.Json;
using MockExams.Sandbox.Configuration;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Grains.Sync;

/// <summary>
/// A cluster whose sync does not poll (an hour between passes) and does not backfill by itself, so each test decides
/// what reaches the replica: a backfill it runs, webhooks it subscribes, a reconcile it starts. A second api listens on
/// a real port as the sandbox's webhook target.
/// </summary>
public sealed class QuietSyncFixture() : ClusterFixture(
    new Dictionary<string, string?>
    {
        ["Sync:Enabled"] = "true",
        ["Sync:AutoBackfill"] = "false",
        ["Sync:IncrementalSeconds"] = "3600",
        ["Sync:WebhookRetrySeconds"] = "1",
        ["HubSpot:WebhookSecret"] = SyncTestKit.WebhookSecret,
    },
    new SandboxSettings { LatencyMs = 20, SearchLagMs = 1_000 })
{
    private ApiFactory? _webhookApi;

    /// <summary>Where the sandbox delivers webhooks: the api's own <c>POST /webhooks/hubspot</c> over real HTTP.</summary>
    public Uri WebhookUrl { get; private set; } = null!;   // set in InitializeAsync

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var port = FreePort.Next();
        _webhookApi = StartAnotherApi();
        _webhookApi.UseKestrel(port);
        _webhookApi.StartServer();
        WebhookUrl = new Uri($"http://127.0.0.1:{port}/webhooks/hubspot");
    }

    /// <summary>Makes the sandbox deliver webhooks for every change from now on.</summary>
    public async Task SubscribeWebhooksAsync()
    {
        using var sandbox = Sandbox.CreateClient();
        var response = await sandbox.PutAsJsonAsync("/__sandbox/webhooks",
            new { targetUrl = WebhookUrl.ToString(), clientSecret = SyncTestKit.WebhookSecret });
        response.EnsureSuccessStatusCode();
    }

    public async Task UnsubscribeWebhooksAsync()
    {
        using var sandbox = Sandbox.CreateClient();
        (await sandbox.DeleteAsync("/__sandbox/webhooks")).EnsureSuccessStatusCode();
    }

    public override async ValueTask DisposeAsync()
    {
        if (_webhookApi is not null)
        {
            await _webhookApi.DisposeAsync();
        }
        await base.DisposeAsync();
    }
}
