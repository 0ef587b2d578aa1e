using System.Net.Http.Json;
using System.Text.Json;
using MockExams.Sandbox.Configuration;
using MockExams.Sandbox.Hosting;

namespace MockExams.Tests.Sandbox;

/// <summary>
/// A sandbox started for one test, on its own port, with an HttpClient that speaks plain HTTP to it,
/// as any HubSpot client would. Defaults are quick (no latency, no search lag); tests set what they prove.
/// </summary>
public sealed class SandboxClient : IAsyncDisposable
{
    private SandboxClient(SandboxHost host, HttpClient http)
    {
        Host = host;
        Http = http;
    }

    public SandboxHost Host { get; }

    public HttpClient Http { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<SandboxClient> StartAsync(Func<SandboxSettings, SandboxSettings>? configure = null, TimeProvider? clock = null)
    {
        var settings = new SandboxSettings { LatencyMs = 0, SearchLagMs = 0 };
        var host = await SandboxHost.StartAsync(configure?.Invoke(settings) ?? settings, port: 0, timeProvider: clock, cancellationToken: Ct);
        return new SandboxClient(host, host.CreateClient());
    }

    public Task<HubSpotResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<HubSpotResponse> PostAsync(string path, object body) => SendAsync(HttpMethod.Post, path, body);

    public Task<HubSpotResponse> PatchAsync(string path, object body) => SendAsync(HttpMethod.Patch, path, body);

    public Task<HubSpotResponse> PutAsync(string path, object? body = null) => SendAsync(HttpMethod.Put, path, body);

    public Task<HubSpotResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public async Task<HubSpotResponse> SendAsync(HttpMethod method, string path, object? body, string? token = "sandbox-token")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (token is null)
        {
            request.Headers.Authorization = null;
        }
        else if (token != "sandbox-token")
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        using var http = token is null ? new HttpClient { BaseAddress = Host.BaseUrl } : null;
        var response = await (http ?? Http).SendAsync(request, Ct);
        return await HubSpotResponse.ReadAsync(response, Ct);
    }

    /// <summary>Creates a record through the API and returns its id.</summary>
    public async Task<string> CreateAsync(string objectType, object properties, object? associations = null)
    {
        var response = await PostAsync($"crm/v3/objects/{objectType}", associations is null
            ? new { properties }
            : new { properties, associations });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.Status);
        return response.Body.GetProperty("id").GetString()!;
    }

    public static object ToExam(string examId, int typeId = 101) =>
        new[] { new { to = new { id = examId }, types = new[] { new { associationCategory = "USER_DEFINED", associationTypeId = typeId } } } };

    public static string Prop(JsonElement record, string name) =>
        record.GetProperty("properties").GetProperty(name).GetString()!;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}
