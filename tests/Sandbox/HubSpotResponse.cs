using System.Net;
using System.Text.Json;

namespace MockExams.Tests.Sandbox;

/// <summary>A response read whole: status, headers and the JSON body (default when there is none).</summary>
public sealed record HubSpotResponse(HttpStatusCode Status, HttpResponseMessage Message, JsonElement Body)
{
    public string? Header(string name) =>
        Message.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    public static async Task<HubSpotResponse> ReadAsync(HttpResponseMessage message, CancellationToken cancellationToken)
    {
        var text = await message.Content.ReadAsStringAsync(cancellationToken);
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new HubSpotResponse(message.StatusCode, message, body);
    }
}
