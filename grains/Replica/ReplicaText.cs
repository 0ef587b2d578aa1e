using System.Buffers;
using System.Globalization;
using System.Text;

namespace MockExams.Grains.Replica;

/// <summary>
/// The replica's faithful text encoding. Postgres <c>text</c> cannot hold U+0000, nor a lone UTF-16 surrogate (not
/// UTF-8 at all), yet HubSpot stores whatever staff type. Every text the service writes to the replica tables goes
/// through <see cref="Encode"/>, with U+E000 (the first Private Use Area code point) as the escape character:
/// <list type="bullet">
/// <item>U+E000 itself becomes U+E000 U+E000;</item>
/// <item>U+0000 becomes U+E000 U+E001;</item>
/// <item>a lone surrogate U+D800..U+DFFF becomes U+E000 followed by U+E800..U+EFFF (the same offset).</item>
/// </list>
/// Any other text, which is all real data, is stored unchanged, so SQL readers of the tables see the plain value.
/// <see cref="Decode"/> turns it back exactly, and the read path's JSON (built by Postgres) is decoded by
/// <see cref="DecodeJson"/>, which writes U+0000 and lone surrogates as JSON escapes (<c>\u0000</c>, <c>\ud800</c>).
/// </summary>
public static class ReplicaText
{
    public const char Escape = '\uE000';
    private const char EscapedNul = '\uE001';
    private const char EscapedSurrogateBase = '\uE800';

    private static readonly SearchValues<char> Special = SearchValues.Create(
        [Escape, '\0', .. Enumerable.Range(0xD800, 0x800).Select(c => (char)c)]);

    // U+E000 in UTF-8.
    private static readonly byte[] EscapeUtf8 = [0xEE, 0x80, 0x80];

    /// <summary>The value as stored in the replica (null stays null).</summary>
    public static string? Encode(string? value)
    {
        var first = value is null ? -1 : FirstToEscape(value);
        if (first < 0)
        {
            return value;
        }

        var encoded = new StringBuilder(value!.Length + 8).Append(value, 0, first);
        for (var i = first; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                encoded.Append(c).Append(value[++i]);
            }
            else if (c == Escape)
            {
                encoded.Append(Escape).Append(Escape);
            }
            else if (c == '\0')
            {
                encoded.Append(Escape).Append(EscapedNul);
            }
            else if (char.IsSurrogate(c))
            {
                encoded.Append(Escape).Append((char)(EscapedSurrogateBase + (c - 0xD800)));
            }
            else
            {
                encoded.Append(c);
            }
        }

        return encoded.ToString();
    }

    // The index of the first character Encode changes, or -1 (ordinary text, emoji pairs included).
    private static int FirstToEscape(string value)
    {
        var span = value.AsSpan();
        var offset = 0;
        while (span.IndexOfAny(Special) is var i and >= 0)
        {
            var c = span[i];
            if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                span = span[(i + 2)..];
                offset += i + 2;
                continue;
            }

            return offset + i;
        }

        return -1;
    }

    /// <summary>The original of a stored value (null stays null).</summary>
    public static string? Decode(string? stored)
    {
        if (stored is null || !stored.Contains(Escape))
        {
            return stored;
        }

        var decoded = new StringBuilder(stored.Length);
        Unescape(stored, decoded, (builder, original) => builder.Append(original));
        return decoded.ToString();
    }

    /// <summary>
    /// A JSON document Postgres built from stored values, with each escaped character restored. The escape character
    /// can only occur inside JSON strings (the rest of the document is ASCII syntax), where U+0000 and lone surrogates
    /// are written as <c>\uXXXX</c>. Documents without the escape (nearly all) are returned as they are.
    /// </summary>
    public static byte[] DecodeJson(byte[] utf8)
    {
        if (utf8.AsSpan().IndexOf(EscapeUtf8) < 0)
        {
            return utf8;
        }

        var decoded = new StringBuilder(utf8.Length);
        Unescape(Encoding.UTF8.GetString(utf8), decoded, static (builder, original) =>
        {
            if (original is '\0' || char.IsSurrogate(original))
            {
                builder.Append("\\u").Append(((int)original).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(original);
            }
        });
        return Encoding.UTF8.GetBytes(decoded.ToString());
    }

    private static void Unescape(string stored, StringBuilder decoded, Action<StringBuilder, char> appendOriginal)
    {
        for (var i = 0; i < stored.Length; i++)
        {
            var c = stored[i];
            if (c != Escape || i + 1 == stored.Length)
            {
                decoded.Append(c);
                continue;
            }

            var next = stored[++i];
            switch (next)
            {
                case Escape:
                    appendOriginal(decoded, Escape);
                    break;
                case EscapedNul:
                    appendOriginal(decoded, '\0');
                    break;
                case >= EscapedSurrogateBase and < (char)(EscapedSurrogateBase + 0x800):
                    appendOriginal(decoded, (char)(0xD800 + (next - EscapedSurrogateBase)));
                    break;
                default:
                    // Not written by Encode (a value stored before this encoding, or by another writer): keep it as it is.
                    decoded.Append(c).Append(next);
                    break;
            }
        }
    }
}
