using System.Text.Json;

namespace MockExams.Sandbox.Http;

/// <summary>Reads request bodies ourselves so malformed JSON gets HubSpot's 400, not ASP.NET Core's.</summary>
public static class JsonBody
{
    public static async Task<(T? Value, CrmError? Error)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, SandboxJson.Options, cancellationToken);
            return value is null ? (null, CrmError.InvalidJson("the body is empty or null")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, CrmError.InvalidJson(ex.Message));
        }
    }
}
