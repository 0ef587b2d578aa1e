using System.Net;
using System.Text;

namespace MockExams.Tests.Grains.HubSpot;

/// <summary>A HubSpot that answers from a script, one step per request, and records what it was sent.</summary>
public sealed class ScriptedHubSpot : HttpMessageHandler
{
    private readonly Queue<Func<RecordedRequest, HttpResponseMessage>> _steps = new();
    private readonly List<RecordedRequest> _requests = [];

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public ScriptedHubSpot Then(Func<RecordedRequest, HttpResponseMessage> step)
    {
        _steps.Enqueue(step);
        return this;
    }

    public ScriptedHubSpot Then(HttpStatusCode status, string json = "") => Then(_ => Json(status, json));

    public ScriptedHubSpot ThenConnectionReset() =>
        Then(_ => throw new HttpRequestException("The connection was reset (scripted)."));

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var recorded = new RecordedRequest(
            request.Method, request.RequestUri!.PathAndQuery,
            request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken),
            request.Headers.Authorization?.ToString());
        Func<RecordedRequest, HttpResponseMessage> step;
        lock (_requests)
        {
            _requests.Add(recorded);
            step = _steps.TryDequeue(out var next)
                ? next
                : throw new InvalidOperationException($"No scripted answer for request {_requests.Count}: {recorded.Method} {recorded.Path}");
        }
        return step(recorded);
    }
}
