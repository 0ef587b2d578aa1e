using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MockExams.Api.Webhooks;
using MockExams.Replica;
using MockExams.Sync;
using MockExams.Tests.Fixtures;
using static MockExams.Tests.Grains.Sync.SyncTestKit;

namespace MockExams.Tests.Grains.Edge;

/// <summary>
/// The replica out of reach under calls that cross the grain boundary (issue 17): the driver's exception must not be
/// what crosses (Npgsql's types do not survive Orleans' serializer, which answered HubSpot's webhook delivery a 500).
/// The grain edge turns it into <see cref="ReplicaUnavailableException"/>; the api answers 503 with Retry-After, so
/// HubSpot delivers again and nothing is lost.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainEdgeFailureTests(ProxiedClusterFixture fixture) : IClassFixture<ProxiedClusterFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Webhook_ReplicaUnreachable_Is503WithRetryAfter_AndTheRedeliveryIsStored()
    {
        using var client = fixture.Api.CreateClient();
        var body = Delivery("object.propertyChange", "917000101", "mock_exam_name");

        fixture.ReplicaProxy.Cut();
        HttpResponseMessage refused;
        Exception? crossed;
        try
        {
            refused = await PostSignedAsync(client, body);
            crossed = await Record.ExceptionAsync(() => fixture.Grains.GetGrain<ISyncGrain>(ISyncGrain.SingletonKey)
                .ReceiveWebhookEventsAsync([new WebhookEvent("edge-917000102", 917000102, "object.propertyChange", "2-41000001", "917000102", DateTimeOffset.UtcNow, "mock_exam_name")], Token));
        }
        finally
        {
            fixture.ReplicaProxy.Restore();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.IsType<ReplicaUnavailableException>(crossed);

        // HubSpot delivers again once it got a 5xx: the delivery is stored then, once.
        var again = await PostSignedAsync(client, body);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, (await again.Content.ReadFromJsonAsync<WebhookReceipt>(Token))!.New);
    }

    [Fact]
    public async Task AdminSyncEndpoints_ReplicaUnreachable_NeverA500()
    {
        var examId = await CreateAsync(fixture.Sandbox, ExamType, NewExam("Edge outage exam"));
        using var client = fixture.CreateClient("exams.view", "exams.edit");

        var responses = new List<HttpResponseMessage>();
        fixture.ReplicaProxy.Cut();
        try
        {
            responses.Add(await client.GetAsync("/api/admin/sync/status", Token));
            responses.Add(await client.PostAsync("/api/admin/sync/force-supabase?type=exams", null, Token));
            responses.Add(await client.PostAsync($"/api/admin/sync/force-supabase?type=bookings&examId={examId}", null, Token));
            responses.Add(await client.PostAsync("/api/admin/sync/incremental", null, Token));
            responses.Add(await client.PostAsync("/api/admin/sync/reconcile", null, Token));
        }
        finally
        {
            fixture.ReplicaProxy.Restore();
        }

        foreach (var response in responses)
        {
            var what = $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Token)}";
            Assert.True((int)response.StatusCode < 500 || response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway, what);
            if ((int)response.StatusCode >= 500)
            {
                Assert.True(response.Headers.RetryAfter is not null, $"no Retry-After: {what}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.ServiceUnavailable);
    }

    /// <summary>Redis out of reach under a grain that reads it (the budget's status): 503 with Retry-After, not a 500.</summary>
    [Fact]
    public async Task BudgetStatus_RedisUnreachable_Is503WithRetryAfter()
    {
        using var client = fixture.CreateClient("exams.view", "exams.edit");
        Exception? crossed;
        HttpResponseMessage response;
        fixture.RedisProxy.Cut();
        try
        {
            response = await client.GetAsync("/api/admin/hubspot/budget", Token);
            crossed = await Record.ExceptionAsync(() => fixture.Grains.GetGrain<MockExams.HubSpot.IHubSpotBudgetGrain>(0).GetStatusAsync(Token));
        }
        finally
        {
            fixture.RedisProxy.Restore();
        }

        var what = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Token)}";
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, what);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.IsType<DependencyUnavailableException>(crossed);
    }

    private static string Delivery(string subscriptionType, string objectId, string? propertyName) => JsonSerializer.Serialize(new[]
    {
        new Dictionary<string, object?>
        {
            ["eventId"] = long.Parse(objectId, CultureInfo.InvariantCulture), ["subscriptionId"] = 42, ["portalId"] = 12345678, ["appId"] = 1000001,
            ["occurredAt"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ["subscriptionType"] = subscriptionType,
            ["attemptNumber"] = 0, ["objectId"] = long.Parse(objectId, CultureInfo.InvariantCulture), ["objectTypeId"] = "2-41000001",
            ["propertyName"] = propertyName, ["propertyValue"] = propertyName is null ? null : "x", ["changeSource"] = "CRM_UI",
        },
    });

    private static async Task<HttpResponseMessage> PostSignedAsync(HttpClient client, string body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var url = new Uri(client.BaseAddress!, "/webhooks/hubspot").ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/hubspot") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(HubSpotSignature.SignatureHeader, HubSpotSignature.Sign(WebhookSecret, "POST", url, Encoding.UTF8.GetBytes(body), timestamp));
        request.Headers.Add(HubSpotSignature.TimestampHeader, timestamp);
        return await client.SendAsync(request, Token);
    }
}
