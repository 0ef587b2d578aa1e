using System.Security.Cryptography;
using System.Text;

namespace MockExams.Sandbox.Webhooks;

/// <summary>HubSpot's request signatures: v3 (HMAC-SHA256, base64) and the legacy v1 header.</summary>
public static class WebhookSigner
{
    /// <summary>base64(HMACSHA256(clientSecret, method + uri + body + timestamp)), all UTF-8.</summary>
    public static string SignV3(string clientSecret, string method, string uri, string body, string timestamp) =>
        Convert.ToBase64String(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(clientSecret), Encoding.UTF8.GetBytes(method + uri + body + timestamp)));

    /// <summary>v1: hex(SHA256(clientSecret + body)), what webhook deliveries carry in X-HubSpot-Signature.</summary>
    public static string SignV1(string clientSecret, string body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clientSecret + body)));
}
