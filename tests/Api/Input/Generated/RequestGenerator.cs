using System.Text;
using System.Text.Json;
using CsCheck;

namespace MockExams.Tests.Api.Input.Generated;

/// <summary>
/// Generates requests for one endpoint from two streams CsCheck draws (and shrinks): choices and text values.
/// Text covers the empty, the ordinary, unicode, the huge, control characters and lone surrogates; bodies cover
/// missing, null, wrong-typed and duplicated fields, malformed or non-UTF-8 JSON and wrong content types.
/// With <c>poisoned</c>, every request also carries one input the api must refuse (see <see cref="Poisons"/>).
/// </summary>
public static class RequestGenerator
{
    private const int Draws = 48;

    private static readonly Gen<string> Text = Gen.Frequency(
        (4, Gen.String[Gen.Char['a', 'z'], 1, 12]),
        (1, Gen.Const("")),
        (1, Gen.OneOf(" ", "  x  ", "X ", " 123")),
        (2, Gen.OneOf("Zoë", "名前", "😀", "Ñandú", "\u202Eabc", "١٢٣", "\uE000\uE001", "\uFFFD", "\uFEFF")),
        (1, Gen.Int[250, 70_000].Select(n => new string('x', n))),
        (2, Gen.Int[0, 31].Select(c => $"a{(char)c}b")),
        (1, Gen.OneOf("\u007f", "\u0085", "\u009f")),
        (2, Gen.OneOf("123", "-1", "0", "99999999999999999999", "1.5", "true", "null", "2030-06-01", "2027-02-30",
            "left", "right", "a@b.co", "exams", "bookings", "all", "active")),
        (1, Gen.Char.Array[0, 12].Select(chars => new string(chars))),
        (1, Gen.OneOf("'; drop table x;--", "<script>", "%00", "../..", "{}", "[]", "\\", "\"")));

    /// <summary>A stream of choices and texts; <see cref="Build"/> turns it into a request.</summary>
    public static readonly Gen<(int[] Choices, string[] Texts)> Draw = Gen.Select(Gen.Int[0, 9_999].Array[Draws], Text.Array[Draws]);

    /// <summary>Ways an input must be refused (400/415/4xx problem), whatever the rest of the request is.</summary>
    public static readonly string[] Poisons =
        ["query-control", "query-utf8", "route-control", "key-control", "body-malformed", "body-field-control", "body-field-type", "content-type"];

    public static GeneratedRequest Build(EndpointSpec endpoint, (int[] Choices, string[] Texts) draw, IReadOnlyList<string> knownIds, bool poisoned)
    {
        var c = new Cursor(draw.Choices, draw.Texts);
        var poison = poisoned ? PickPoison(endpoint, c) : "none";
        var path = BuildPath(endpoint, c, knownIds, poison);
        var query = BuildQuery(endpoint, c, poison);
        var key = c.Choice(4) switch
        {
            0 => c.Text(),
            1 => new string('k', 1 + c.Choice(300)),
            _ => null,
        };
        key = key?.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
        if (poison == "key-control")
        {
            key = $"key{(char)(1 + c.Choice(30))}";
        }

        var (body, contentType) = endpoint.Body is null && c.Choice(5) != 0
            ? (null, null)
            : BuildBody(endpoint.Body ?? [], c, knownIds, poison);
        return new GeneratedRequest(endpoint.Method, path + query, key, body, contentType, poison);
    }

    private static string PickPoison(EndpointSpec endpoint, Cursor c)
    {
        List<string> usable = ["query-control", "query-utf8", "key-control"];
        if (endpoint.HasRoute)
        {
            usable.Add("route-control");
        }

        if (endpoint.Body is not null)
        {
            usable.AddRange(["body-malformed", "body-field-control", "body-field-type", "content-type"]);
        }

        return usable[c.Choice(usable.Count)];
    }

    private static string BuildPath(EndpointSpec endpoint, Cursor c, IReadOnlyList<string> knownIds, string poison)
    {
        var path = endpoint.Template;
        while (path.IndexOf('{') is var start and >= 0)
        {
            var end = path.IndexOf('}', start);
            var segment = c.Choice(6) switch
            {
                0 or 1 when knownIds.Count > 0 => knownIds[c.Choice(knownIds.Count)],
                2 => c.Choice(1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
                3 => c.OneOf("%FF", "%C3", "%ED%A0%80", "a%zz", "%2F", "%20"),
                _ => Segment(c.Text()),
            };
            if (poison == "route-control")
            {
                segment += Uri.EscapeDataString(((char)(1 + c.Choice(30))).ToString());
            }

            path = path[..start] + segment + path[(end + 1)..];
        }

        return path;
    }

    // A path segment: escaped, never empty (the route would not match), never NUL (refused by the server itself,
    // before the app; the in-memory test server throws instead) and never a dot segment (the client rewrites them).
    private static string Segment(string text)
    {
        var escaped = Uri.EscapeDataString(text.Replace('\0', '\u0001'));
        return escaped is "" or "." or ".." ? "x" : escaped;
    }

    private static string BuildQuery(EndpointSpec endpoint, Cursor c, string poison)
    {
        List<string> pairs = [];
        foreach (var name in endpoint.Query)
        {
            var times = c.Choice(10) switch { < 5 => 0, < 9 => 1, _ => 2 };
            for (var i = 0; i < times; i++)
            {
                pairs.Add($"{name}={QueryValue(c)}");
            }
        }

        if (c.Choice(6) == 0)
        {
            pairs.Add($"{Uri.EscapeDataString(c.Text())}={QueryValue(c)}");
        }

        if (poison is "query-control" or "query-utf8")
        {
            var name = endpoint.Query is [] || c.Choice(3) == 0 ? "extra" : endpoint.Query[c.Choice(endpoint.Query.Length)];
            var bad = poison == "query-control"
                ? Uri.EscapeDataString($"a{(char)c.Choice(32)}")
                : c.OneOf("%FF", "%C3%28", "%ED%A0%80", "%F8%88%80%80%80", "a%E2%82");
            pairs.Insert(c.Choice(pairs.Count + 1), $"{name}={bad}");
        }

        return pairs is [] ? "" : "?" + string.Join('&', pairs);
    }

    private static string QueryValue(Cursor c) => c.Choice(8) switch
    {
        0 => c.OneOf("%FF", "%C3", "+", "%", "%2", "a%zz"),
        _ => Uri.EscapeDataString(c.Text()),
    };

    private static (byte[]?, string?) BuildBody(BodyField[] fields, Cursor c, IReadOnlyList<string> knownIds, string poison)
    {
        var contentType = poison == "content-type"
            ? c.OneOf("text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x")
            : c.Choice(12) switch
            {
                0 => null,
                1 => "application/json; charset=utf-16",
                2 => "text/plain",
                _ => "application/json",
            };
        var whole = poison == "body-malformed" ? 1 + c.Choice(7) : c.Choice(30);
        var json = JsonObject(fields, c, knownIds, poison);
        var bytes = whole switch
        {
            1 => Encoding.UTF8.GetBytes(json[..c.Choice(Math.Max(1, json.Length - 1))]),   // truncated
            2 => Encoding.UTF8.GetBytes(c.OneOf("not json", "{", "}", "{\"a\":}", "{'a': 1}", "{\"a\" 1}", "[1,]", "nul")),
            3 => [],
            4 => Encoding.UTF8.GetBytes(new string('[', 70 + c.Choice(1000)) + new string(']', 70)),   // beyond the depth limit
            5 => [.. Encoding.UTF8.GetBytes(json[..(json.Length / 2)]), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes(json[(json.Length / 2)..])],
            6 => Encoding.UTF8.GetBytes(c.OneOf("[]", "\"text\"", "42", "true") + (c.Choice(2) == 0 ? "" : " trailing")),
            7 => Encoding.UTF8.GetBytes(json + json),
            8 => Encoding.UTF8.GetBytes("{" + new string(' ', 1) + "\"a\":" + new string('9', 400) + "}"),
            _ => Encoding.UTF8.GetBytes(json),
        };
        return (bytes, contentType);
    }

    private static string JsonObject(BodyField[] fields, Cursor c, IReadOnlyList<string> knownIds, string poison)
    {
        var poisoned = fields.Length == 0 ? -1 : c.Choice(fields.Length);
        List<string> members = [];
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            var value = (poison, i == poisoned) switch
            {
                ("body-field-control", true) => field.Kind == FieldKind.TextList
                    ? JsonSerializer.Serialize(new[] { "ok", $"bad{(char)c.Choice(32)}" })
                    : JsonSerializer.Serialize($"bad{(char)c.Choice(32)}"),
                ("body-field-type", true) => c.OneOf("{}", "[[]]", "{\"x\":1}"),
                _ when c.Choice(5) == 0 => null,
                _ => Value(field.Kind, c, knownIds),
            };
            if (value is not null)
            {
                members.Add($"{JsonSerializer.Serialize(field.Name)}:{value}");
                if (c.Choice(15) == 0)
                {
                    members.Add($"{JsonSerializer.Serialize(field.Name)}:{Value(field.Kind, c, knownIds)}");   // duplicate key
                }
            }
        }

        if (c.Choice(8) == 0)
        {
            members.Add($"{JsonSerializer.Serialize(c.Text())}:{Value(FieldKind.Text, c, knownIds)}");
        }

        return "{" + string.Join(',', members) + "}";
    }

    private static string Value(FieldKind kind, Cursor c, IReadOnlyList<string> knownIds)
    {
        switch (c.Choice(10))
        {
            case 0:
                return c.OneOf("null", "{}", "[]", "1e400", "-0", "\"\"", "true", "0.5", "\"10\"");
            case 1:
                return JsonSerializer.Serialize(c.Text());
        }

        return kind switch
        {
            FieldKind.Id => JsonSerializer.Serialize(knownIds.Count > 0 && c.Choice(2) == 0 ? knownIds[c.Choice(knownIds.Count)] : c.Text()),
            FieldKind.Email => JsonSerializer.Serialize(c.Choice(2) == 0 ? $"{c.Text()}@example.com" : c.Text()),
            FieldKind.Hand => JsonSerializer.Serialize(c.OneOf("left", "right", "LEFT", " right ", "both", "")),
            FieldKind.Date => JsonSerializer.Serialize(c.OneOf("2030-06-01", "2030-13-01", "2030-02-30", "01/06/2030", "", "2030-06-01T00:00:00Z")),
            FieldKind.Int => c.OneOf("0", "1", "10", "-1", "10001", "2147483648", "99999999999999999999", "1.5", "\"12\"", "\"ten\""),
            FieldKind.Bool => c.OneOf("true", "false", "\"true\"", "1", "0"),
            FieldKind.TextList => "[" + string.Join(',', Enumerable.Range(0, c.Choice(4) switch
                {
                    0 => 0,
                    1 => 501 + c.Choice(100),
                    _ => 1 + c.Choice(5),
                })
                .Select(_ => c.Choice(6) == 0 ? "null" : JsonSerializer.Serialize(knownIds.Count > 0 && c.Choice(3) == 0
                    ? knownIds[c.Choice(knownIds.Count)] + c.OneOf("", " ", "")
                    : c.Text()))) + "]",
            _ => JsonSerializer.Serialize(c.Text()),
        };
    }

    /// <summary>Reads the drawn streams in order, wrapping around, so one draw builds any request shape.</summary>
    private sealed class Cursor(int[] choices, string[] texts)
    {
        private int _choice;
        private int _text;

        public int Choice(int count) => count <= 1 ? 0 : choices[_choice++ % choices.Length] % count;

        public string Text() => texts[_text++ % texts.Length];

        public string OneOf(params string[] values) => values[Choice(values.Length)];
    }
}
