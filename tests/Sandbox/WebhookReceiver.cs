using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MockExams.Tests.Sandbox;

/// <summary>A tiny HTTP receiver standing in for our webhook endpoint; it records every request it gets.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private int _failuresLeft;

    private WebhookReceiver(WebApplication app, int failFirst)
    {
        _app = app;
        _failuresLeft = failFirst;
    }

    public string Url { get; private set; } = "";

    public IReadOnlyList<ReceivedWebhook> Received => _received.ToArray();

    public IEnumerable<JsonElement> Events => Received.SelectMany(r => r.Events.EnumerateArray());

    /// <param name="failFirst">How many requests to answer with 500 before accepting.</param>
    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, failFirst);
        app.MapPost("/webhooks/hubspot", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var failed = Interlocked.Decrement(ref receiver._failuresLeft) >= 0;
            receiver._received.Enqueue(new ReceivedWebhook(request.Method, headers, body, JsonDocument.Parse(body).RootElement.Clone(), failed));
            return failed ? Results.StatusCode(500) : Results.NoContent();
        });
        await app.StartAsync(SandboxClient.Ct);
        receiver.Url = app.Urls.First().TrimEnd('/') + "/webhooks/hubspot";
        return receiver;
    }

    /// <summary>Polls until the condition holds on what was received, or fails after the timeout.</summary>
    public async Task WaitUntilAsync(Func<WebhookReceiver, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition(this))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Webhook condition not met; received {Received.Count} requests");
            await Task.Delay(20, SandboxClient.Ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
