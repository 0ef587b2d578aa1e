using System.Text.Json;

namespace MockExams.Tests.Fixtures;

/// <summary>The api's JSON contract (snake_case names), for tests that read its bodies into typed records.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
