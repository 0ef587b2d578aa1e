using System.Text;

namespace MockExams.Api.Input;

/// <summary>
/// The one rule for text the api reads (query, route values, headers, JSON body strings): no control characters
/// (Unicode Cc: U+0000-U+001F, U+007F-U+009F; NUL among them, which Postgres text cannot hold) and only valid
/// Unicode (no lone surrogate; percent-escapes must decode as UTF-8).
/// </summary>
public static class TextInputCheck
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Why <paramref name="value"/> is refused, or null when it is good text.</summary>
    public static string? Problem(ReadOnlySpan<char> value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c))
            {
                return $"Must not contain control characters (found U+{(int)c:X4} at position {i}).";
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"Must be valid Unicode text (lone surrogate U+{(int)c:X4} at position {i}).";
            }
        }

        return null;
    }

    /// <summary>
    /// Decodes one percent-encoded query component (<c>+</c> is a space) strictly: null when its escapes are not UTF-8.
    /// ASP.NET Core keeps such escapes as literal text instead of refusing them, so the raw form is checked here.
    /// </summary>
    public static string? DecodeQueryComponent(ReadOnlySpan<char> raw)
    {
        if (raw.IndexOfAny('%', '+') < 0)
        {
            return raw.ToString();
        }

        var bytes = new byte[raw.Length * 3];   // a raw non-ASCII char takes up to 3 bytes
        var length = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '%' && i + 2 < raw.Length && IsHex(raw[i + 1]) && IsHex(raw[i + 2]))
            {
                bytes[length++] = (byte)Convert.ToInt32(raw.Slice(i + 1, 2).ToString(), 16);
                i += 2;
            }
            else if (c == '+')
            {
                bytes[length++] = (byte)' ';
            }
            else if (c < 0x80)
            {
                bytes[length++] = (byte)c;
            }
            else
            {
                // A raw non-ASCII character in the target (servers pass it through as Latin-1): keep it as it came.
                length += StrictUtf8.GetBytes(raw.Slice(i, 1), bytes.AsSpan(length));
            }
        }

        try
        {
            return StrictUtf8.GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
