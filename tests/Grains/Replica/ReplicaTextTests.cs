using System.Text;
using System.Text.Json;
using CsCheck;
using MockExams.Grains.Replica;

namespace MockExams.Tests.Grains.Replica;

/// <summary>The replica's text encoding: faithful for every UTF-16 string, and invisible for ordinary text.</summary>
public sealed class ReplicaTextTests
{
    // Any UTF-16 code unit, with NUL, the escape, its codes and surrogates (paired or not) made frequent.
    private static readonly Gen<string> AnyText = Gen.OneOf(
            Gen.Char, Gen.Const('\0'), Gen.Const(ReplicaText.Escape), Gen.Const('\uE001'), Gen.Char['\uD800', '\uDFFF'],
            Gen.Char['\uE800', '\uEFFF'], Gen.Char['a', 'z'])
        .Array[0, 40].Select(chars => new string(chars));

    [Fact]
    public void EncodeThenDecode_AnyText_IsTheOriginal() =>
        AnyText.Sample(text => Assert.Equal(text, ReplicaText.Decode(ReplicaText.Encode(text))), iter: 20_000);

    [Fact]
    public void Encode_AnyText_IsStorableInPostgresText() =>
        AnyText.Sample(text =>
        {
            var stored = ReplicaText.Encode(text)!;
            Assert.DoesNotContain('\0', stored);
            // Valid UTF-16 throughout: a strict encoder turns it into UTF-8 without complaint.
            new UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(stored);
        }, iter: 20_000);

    [Fact]
    public void DecodeJson_JsonOfStoredText_ReadsAsTheOriginal() =>
        AnyText.Sample(text =>
        {
            var json = $$$"""{"name":"{{{PostgresJsonEscape(ReplicaText.Encode(text)!)}}}"}""";

            var decoded = ReplicaText.DecodeJson(Encoding.UTF8.GetBytes(json));

            var reader = new Utf8JsonReader(decoded);
            reader.Read();
            reader.Read();
            reader.Read();
            Assert.Equal(text, Unescape(reader));
        }, iter: 5_000);

    [Theory]
    [InlineData("Toronto")]
    [InlineData("Zoë Ñandú 名前 😀")]
    [InlineData("")]
    public void Encode_OrdinaryText_IsUnchanged(string text) => Assert.Same(text, ReplicaText.Encode(text));

    [Fact]
    public void DecodeJson_WithoutTheEscape_IsTheSameArray()
    {
        var json = Encoding.UTF8.GetBytes("""{"student_name":"Zoë"}""");

        Assert.Same(json, ReplicaText.DecodeJson(json));
    }

    // As Postgres' escape_json: quote, backslash and control characters escaped, every other character as it is.
    private static string PostgresJsonEscape(string value)
    {
        var escaped = new StringBuilder();
        foreach (var c in value)
        {
            escaped.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    // Utf8JsonReader.GetString refuses lone surrogates; read the escaped value code unit by code unit instead.
    private static string Unescape(Utf8JsonReader reader)
    {
        var raw = Encoding.UTF8.GetString(reader.ValueSpan);
        var text = new StringBuilder();
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\\')
            {
                var next = raw[++i];
                if (next == 'u')
                {
                    text.Append((char)Convert.ToInt32(raw.Substring(i + 1, 4), 16));
                    i += 4;
                }
                else
                {
                    text.Append(next switch { 'n' => '\n', 'r' => '\r', 't' => '\t', 'b' => '\b', 'f' => '\f', _ => next });
                }
            }
            else
            {
                text.Append(raw[i]);
            }
        }

        return text.ToString();
    }
}
