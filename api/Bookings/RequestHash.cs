using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MockExams.Api.Bookings;

/// <summary>A stable hash of a request body, so a reused Idempotency-Key with another body is recognised.</summary>
public static class RequestHash
{
    public static string Of<T>(T body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body, WriteJson.Options))));
}
