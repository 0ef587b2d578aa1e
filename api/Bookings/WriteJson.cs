using System.Text.Json;

namespace MockExams.Api.Bookings;

/// <summary>Write responses use the replica's snake_case column names, like the read responses.</summary>
public static class WriteJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static string Flag(bool value) => value ? "true" : "false";
}
