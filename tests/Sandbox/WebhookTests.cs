using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using static MockExams.Tests.Sandbox.SandboxClient;

namespace MockExams.Tests.Sandbox;

public sealed class WebhookTests
{
    private const string Secret = "app-client-secret";

    /// <summary>HubSpot's documented v3 check, written from the docs rather than taken from the sandbox.</summary>
    private static bool SignatureIsValid(ReceivedWebhook request, string uri)
    {
        var timestamp = request.Headers["X-HubSpot-Request-Timestamp"];
        var age = DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(timestamp));
        if (age > TimeSpan.FromMinutes(5))
        {
            return false;
        }

        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(Secret));
        var expected = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(request.Method + uri + request.Body + timestamp)));
        return CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(request.Headers["X-HubSpot-Signature-v3"]));
    }

    private static async Task<(SandboxClient Sandbox, WebhookReceiver Receiver)> StartAsync(int failFirst = 0)
    {
        var receiver = await WebhookReceiver.StartAsync(failFirst);
        var sandbox = await SandboxClient.StartAsync(s => s with { WebhookRetryDelayMs = 50 });
        var subscribe = await sandbox.PutAsync("__sandbox/webhooks", new { targetUrl = receiver.Url, clientSecret = Secret });
        Assert.Equal(HttpStatusCode.OK, subscribe.Status);
        return (sandbox, receiver);
    }

    [Fact]
    public async Task ApiCreate_DeliversCreationAndPropertyEventsSignedWithV3()
    {
        var (sandbox, receiver) = await StartAsync();
        await using var sandboxScope = sandbox;
        await using var receiverScope = receiver;
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var id = await sandbox.CreateAsync("bookings", new { booking_id = "W-1", dominant_hand = "left" });
        await receiver.WaitUntilAsync(r => r.Events.Count() == 3);

        var request = Assert.Single(receiver.Received);
        Assert.True(SignatureIsValid(request, receiver.Url));
        Assert.Equal("v1", request.Headers["X-HubSpot-Signature-Version"]);
        var events = receiver.Events.ToList();
        var creation = events.Single(e => e.GetProperty("subscriptionType").GetString() == "object.creation");
        Assert.Equal(long.Parse(id), creation.GetProperty("objectId").GetInt64());
        Assert.Equal("2-41000002", creation.GetProperty("objectTypeId").GetString());
        Assert.Equal(12345678, creation.GetProperty("portalId").GetInt64());
        Assert.Equal(1000001, creation.GetProperty("appId").GetInt64());
        Assert.Equal(0, creation.GetProperty("attemptNumber").GetInt32());
        Assert.Equal("API", creation.GetProperty("changeSource").GetString());
        Assert.Equal("NEW", creation.GetProperty("changeFlag").GetString());
        Assert.False(creation.GetProperty("isSensitive").GetBoolean());
        Assert.InRange(creation.GetProperty("occurredAt").GetInt64(), before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var changes = events.Where(e => e.GetProperty("subscriptionType").GetString() == "object.propertyChange")
            .ToDictionary(e => e.GetProperty("propertyName").GetString()!, e => e.GetProperty("propertyValue").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["booking_id"] = "W-1", ["dominant_hand"] = "left" }, changes);
    }

    [Fact]
    public async Task SignatureCheck_WithATamperedBody_Fails()
    {
        var (sandbox, receiver) = await StartAsync();
        await using var sandboxScope = sandbox;
        await using var receiverScope = receiver;

        await sandbox.CreateAsync("contacts", new { email = "x@example.ca" });
        await receiver.WaitUntilAsync(r => r.Received.Count == 1);

        var tampered = receiver.Received[0] with { Body = receiver.Received[0].Body.Replace("x@example.ca", "y@example.ca") };
        Assert.True(SignatureIsValid(receiver.Received[0], receiver.Url));
        Assert.False(SignatureIsValid(tampered, receiver.Url));
    }

    [Fact]
    public async Task OutOfBandEditAndArchive_AreDeliveredAsCrmUiChanges()
    {
        var (sandbox, receiver) = await StartAsync();
        await using var sandboxScope = sandbox;
        await using var receiverScope = receiver;
        var id = await sandbox.CreateAsync("mock_exams", new { capacity = "10" });
        await receiver.WaitUntilAsync(r => r.Events.Count() == 2);

        await sandbox.PatchAsync($"__sandbox/objects/mock_exams/{id}", new { properties = new { capacity = "12" } });
        await sandbox.DeleteAsync($"__sandbox/objects/mock_exams/{id}");
        await receiver.WaitUntilAsync(r => r.Events.Count() == 4);

        var late = receiver.Events.Skip(2).OrderBy(e => e.GetProperty("eventId").GetInt64()).ToList();
        Assert.Equal(["object.propertyChange", "object.deletion"], late.Select(e => e.GetProperty("subscriptionType").GetString()));
        Assert.All(late, e => Assert.Equal("CRM_UI", e.GetProperty("changeSource").GetString()));
        Assert.All(late, e => Assert.StartsWith("userId:", e.GetProperty("sourceId").GetString()));
        Assert.Equal("capacity", late[0].GetProperty("propertyName").GetString());
        Assert.Equal("12", late[0].GetProperty("propertyValue").GetString());
        Assert.Equal("2-41000001", late[1].GetProperty("objectTypeId").GetString());
        Assert.All(receiver.Received, r => Assert.True(SignatureIsValid(r, receiver.Url)));
    }

    [Fact]
    public async Task Delivery_TargetFailsTwice_IsRetriedWithAttemptNumbers()
    {
        var (sandbox, receiver) = await StartAsync(failFirst: 2);
        await using var sandboxScope = sandbox;
        await using var receiverScope = receiver;

        await sandbox.CreateAsync("contacts", new { email = "retry@example.ca" });
        await receiver.WaitUntilAsync(r => r.Received.Any(x => !x.AnsweredWithFailure));

        Assert.Equal([0, 1, 2], receiver.Received.Select(r => r.Events[0].GetProperty("attemptNumber").GetInt32()));
        var stats = (await sandbox.GetAsync("__sandbox/stats")).Body.GetProperty("webhooks");
        Assert.Equal(2, stats.GetProperty("attemptsFailed").GetInt32());
        Assert.Equal(1, stats.GetProperty("requestsSucceeded").GetInt32());
        Assert.Equal(2, stats.GetProperty("eventsDelivered").GetInt32());
    }

    [Fact]
    public async Task Delivery_Of250Events_ComesInRequestsOfAtMost100()
    {
        var (sandbox, receiver) = await StartAsync();
        await using var sandboxScope = sandbox;
        await using var receiverScope = receiver;
        for (var batch = 0; batch < 2; batch++)
        {
            var inputs = Enumerable.Range(0, 100).Select(i => new { properties = new { booking_id = $"M{batch}-{i}" } }).ToArray();
            await sandbox.PostAsync("crm/v3/objects/bookings/batch/create", new { inputs });
        }

        for (var i = 0; i < 50; i++)
        {
            await sandbox.PostAsync("crm/v3/objects/contacts", new { properties = new { email = $"e{i}@example.ca" } });
        }

        await receiver.WaitUntilAsync(r => r.Events.Count() == 500);

        Assert.All(receiver.Received, r => Assert.InRange(r.Events.GetArrayLength(), 1, 100));
        Assert.Equal(250, receiver.Events.Count(e => e.GetProperty("subscriptionType").GetString() == "object.creation"));
        Assert.Equal(500, receiver.Events.Select(e => e.GetProperty("eventId").GetInt64()).Distinct().Count());
    }

    [Fact]
    public async Task Changes_WithoutASubscription_AreNotDelivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await SandboxClient.StartAsync();

        await sandbox.CreateAsync("contacts", new { email = "quiet@example.ca" });
        await sandbox.PutAsync("__sandbox/webhooks", new { targetUrl = receiver.Url, clientSecret = Secret });
        await sandbox.CreateAsync("contacts", new { email = "heard@example.ca" });
        await receiver.WaitUntilAsync(r => r.Events.Count() == 2);

        Assert.Equal("heard@example.ca", receiver.Events.Single(e => e.TryGetProperty("propertyName", out _)).GetProperty("propertyValue").GetString());
        Assert.Equal(JsonValueKind.Array, receiver.Received[0].Events.ValueKind);
    }
}
