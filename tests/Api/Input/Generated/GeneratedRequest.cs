using System.Text;

namespace MockExams.Tests.Api.Input.Generated;

/// <summary>One generated request: raw path and query (already percent-encoded), an optional Idempotency-Key and body.</summary>
public sealed record GeneratedRequest(
    HttpMethod Method, string PathAndQuery, string? IdempotencyKey, byte[]? Body, string? ContentType, string Poison)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, new Uri(PathAndQuery, UriKind.Relative));
        if (IdempotencyKey is not null)
        {
            message.Headers.TryAddWithoutValidation("Idempotency-Key", IdempotencyKey);
        }

        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        return message;
    }

    public override string ToString()
    {
        var body = Body is null ? "" : Encoding.UTF8.GetString(Body);
        return $"{Method} {PathAndQuery} [poison: {Poison}] key={Escape(IdempotencyKey)} type={ContentType} body={Escape(body.Length > 400 ? body[..400] + "…" : body)}";
    }

    private static string Escape(string? value) => value is null
        ? "null"
        : string.Concat(value.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
