using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MockExams.Api.Webhooks;
using static MockExams.Tests.Grains.Sync.SyncTestKit;

namespace MockExams.Tests.Grains.Sync;

/// <summary>
/// HubSpot's webhooks: this fixture never polls (an hour between passes), so a change reaches the api only through
/// the sandbox's signed deliveries to <c>POST /webhooks/hubspot</c>.
/// </summary>
[Collection(SyncCollection.Name)]
public sealed class WebhookTests(QuietSyncFixture fixture) : IDisposable
{
    private static readonly TimeSpan FiveSeconds = TimeSpan.FromSeconds(5);

    private readonly HttpClient _api = fixture.CreateClient("exams.view");

    [Fact]
    public async Task OutOfBandCreateEditAndArchive_ReachApiThroughWebhooks_WithinFiveSeconds()
    {
        await fixture.SubscribeWebhooksAsync();

        var examId = await CreateAsync(fixture.Sandbox, ExamType, NewExam("Webhook exam"));
        var created = await EventuallyAsync(async () => await GetExamAsync(_api, examId) is not null, FiveSeconds, "created exam served");

        await UpdateAsync(fixture.Sandbox, ExamType, examId, new() { ["mock_exam_name"] = "Webhook exam, renamed" });
        var edited = await EventuallyAsync(
            async () => (await GetExamAsync(_api, examId))?.GetProperty("mock_exam_name").GetString() == "Webhook exam, renamed",
            FiveSeconds, "renamed exam served");

        await CreateAsync(fixture.Sandbox, BookingType, NewBooking(examId));
        var booked = await EventuallyAsync(
            async () => (await GetExamAsync(_api, examId))?.GetProperty("total_bookings").GetInt32() == 1,
            FiveSeconds, "the booking made in HubSpot counts in the exam served");

        await ArchiveAsync(fixture.Sandbox, ExamType, examId);
        var archived = await EventuallyAsync(async () => await GetExamAsync(_api, examId) is null, FiveSeconds, "archived exam gone");

        Assert.All(new[] { created, edited, booked, archived }, took => Assert.True(took < FiveSeconds));
    }

    [Fact]
    public async Task Webhook_SameDeliveryTwice_IsStoredOnce()
    {
        using var client = fixture.Api.CreateClient();
        var body = Delivery("object.propertyChange", "999000123", "mock_exam_name");

        var first = await PostSignedAsync(client, body);
        var again = await PostSignedAsync(client, body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, (await first.Content.ReadFromJsonAsync<WebhookReceipt>(Token))!.New);
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<WebhookReceipt>(Token))!.New);
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("other-secret")]
    [InlineData("tampered-body")]
    [InlineData("old-timestamp")]
    [InlineData("no-signature")]
    public async Task Webhook_NotSignedByHubSpot_Is401(string forgery)
    {
        using var client = fixture.Api.CreateClient();
        var body = Delivery("object.deletion", "999000124", null);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var signedBody = forgery == "tampered-body" ? body.Replace("999000124", "999000125", StringComparison.Ordinal) : body;
        var signature = forgery switch
        {
            "forged" => Convert.ToBase64String(Encoding.UTF8.GetBytes("not a signature at all, 32 bytes")),
            "other-secret" => HubSpotSignature.Sign("another-secret", "POST", Url(client), Encoding.UTF8.GetBytes(body), Stamp(timestamp)),
            "old-timestamp" => HubSpotSignature.Sign(WebhookSecret, "POST", Url(client), Encoding.UTF8.GetBytes(body), Stamp(timestamp - 6 * 60_000)),
            _ => HubSpotSignature.Sign(WebhookSecret, "POST", Url(client), Encoding.UTF8.GetBytes(body), Stamp(timestamp)),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/hubspot") { Content = new StringContent(signedBody, Encoding.UTF8, "application/json") };
        if (forgery != "no-signature")
        {
            request.Headers.Add(HubSpotSignature.SignatureHeader, signature);
        }
        request.Headers.Add(HubSpotSignature.TimestampHeader, Stamp(forgery == "old-timestamp" ? timestamp - 6 * 60_000 : timestamp));

        var response = await client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static string Delivery(string subscriptionType, string objectId, string? propertyName) => JsonSerializer.Serialize(new[]
    {
        new Dictionary<string, object?>
        {
            ["eventId"] = 1, ["subscriptionId"] = 42, ["portalId"] = 12345678, ["appId"] = 1000001,
            ["occurredAt"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ["subscriptionType"] = subscriptionType,
            ["attemptNumber"] = 0, ["objectId"] = long.Parse(objectId, CultureInfo.InvariantCulture), ["objectTypeId"] = "2-41000001",
            ["propertyName"] = propertyName, ["propertyValue"] = propertyName is null ? null : "x", ["changeSource"] = "CRM_UI",
        },
    });

    private static async Task<HttpResponseMessage> PostSignedAsync(HttpClient client, string body)
    {
        var timestamp = Stamp(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/hubspot") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(HubSpotSignature.SignatureHeader, HubSpotSignature.Sign(WebhookSecret, "POST", Url(client), Encoding.UTF8.GetBytes(body), timestamp));
        request.Headers.Add(HubSpotSignature.TimestampHeader, timestamp);
        return await client.SendAsync(request, Token);
    }

    // The in-memory api sees the test client's base address as its scheme and host.
    private static string Url(HttpClient client) => new Uri(client.BaseAddress!, "/webhooks/hubspot").ToString();

    private static string Stamp(long epochMs) => epochMs.ToString(CultureInfo.InvariantCulture);

    public void Dispose() => _api.Dispose();
}
