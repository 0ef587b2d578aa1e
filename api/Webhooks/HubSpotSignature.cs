using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MockExams.Api.Webhooks;

/// <summary>
/// HubSpot's v3 request signature: Base64(HMAC-SHA256(client secret, method + URI + raw body + timestamp)), where the
/// URI is the full URL HubSpot called with a fixed set of percent-encodings decoded, and the timestamp (epoch
/// milliseconds) must be recent.
/// </summary>
public static class HubSpotSignature
{
    public const string SignatureHeader = "X-HubSpot-Signature-v3";
    public const string TimestampHeader = "X-HubSpot-Request-Timestamp";

    // HubSpot decodes exactly these before signing; anything else stays encoded.
    private static readonly (string Encoded, char Decoded)[] DecodedEscapes =
    [
        ("%3A", ':'), ("%2F", '/'), ("%3F", '?'), ("%40", '@'), ("%21", '!'), ("%24", '$'), ("%27", '\''),
        ("%28", '('), ("%29", ')'), ("%2A", '*'), ("%2C", ','), ("%3B", ';'),
    ];

    /// <summary>Checks a delivery; <paramref name="uri"/> is the URL as HubSpot called it (scheme, host, path, query).</summary>
    public static SignatureCheck Verify(
        string secret, string method, string uri, ReadOnlySpan<byte> body, string? timestamp, string? signature,
        DateTimeOffset now, TimeSpan maxAge)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp))
        {
            return SignatureCheck.Missing;
        }
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var epochMs)
            || epochMs > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return SignatureCheck.Expired;
        }
        var age = now - DateTimeOffset.FromUnixTimeMilliseconds(epochMs);
        if (age > maxAge || age < -maxAge)
        {
            return SignatureCheck.Expired;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Compute(secret, method, uri, body, timestamp, expected);
        Span<byte> given = stackalloc byte[64];
        return Convert.TryFromBase64String(signature, given, out var length)
            && CryptographicOperations.FixedTimeEquals(expected, given[..length])
            ? SignatureCheck.Valid
            : SignatureCheck.Mismatch;
    }

    /// <summary>The signature HubSpot would send for this request (for tests and the sandbox's point of view).</summary>
    public static string Sign(string secret, string method, string uri, ReadOnlySpan<byte> body, string timestamp)
    {
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Compute(secret, method, uri, body, timestamp, hash);
        return Convert.ToBase64String(hash);
    }

    /// <summary>The URI as HubSpot signs it: the listed percent-encodings decoded (either hex case), the rest untouched.</summary>
    public static string NormalizeUri(string uri)
    {
        if (!uri.Contains('%'))
        {
            return uri;
        }
        var text = new StringBuilder(uri.Length);
        for (var i = 0; i < uri.Length; i++)
        {
            if (uri[i] == '%' && i + 2 < uri.Length && Decoded(uri.AsSpan(i, 3)) is { } decoded)
            {
                text.Append(decoded);
                i += 2;
            }
            else
            {
                text.Append(uri[i]);
            }
        }
        return text.ToString();
    }

    private static char? Decoded(ReadOnlySpan<char> escape)
    {
        foreach (var (encoded, decoded) in DecodedEscapes)
        {
            if (escape.Equals(encoded, StringComparison.OrdinalIgnoreCase))
            {
                return decoded;
            }
        }
        return null;
    }

    private static void Compute(string secret, string method, string uri, ReadOnlySpan<byte> body, string timestamp, Span<byte> hash)
    {
        var prefix = Encoding.UTF8.GetBytes(method.ToUpperInvariant() + NormalizeUri(uri));
        var suffix = Encoding.UTF8.GetBytes(timestamp);
        var message = new byte[prefix.Length + body.Length + suffix.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        suffix.CopyTo(message, prefix.Length + body.Length);
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message, hash);
    }
}
