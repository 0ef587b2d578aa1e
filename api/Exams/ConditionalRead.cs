using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace MockExams.Api.Exams;

/// <summary>
/// A read's JSON body with its entity tag: <c>ETag</c> on every answer, and <c>304 Not Modified</c> with no body when
/// the request's <c>If-None-Match</c> names it. The tag is only ever compared after the exam grain (or the catalog)
/// confirmed the body current for this request, so a 304 never hides a write answered before the read began.
/// <c>Cache-Control: private, no-cache</c>: a browser may keep the body but must ask again before each use, since
/// only the grain knows when the exam changes; <c>Vary: Authorization</c>, since what a caller may see depends on its token.
/// </summary>
public sealed class ConditionalRead(string etag, ReadOnlyMemory<byte> body) : IResult, IEndpointMetadataProvider
{
    public const string CacheControl = "private, no-cache";

    public string ETag => etag;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.Headers.ETag = etag;
        response.Headers.CacheControl = CacheControl;
        response.Headers.Vary = HeaderNames.Authorization;
        if (Matches(httpContext.Request, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body).AsTask();
    }

    /// <summary>Whether <c>If-None-Match</c> names <paramref name="etag"/> (weak comparison, as RFC 9110 asks for it) or is <c>*</c>.</summary>
    public static bool Matches(HttpRequest request, string etag)
    {
        if (request.Headers.IfNoneMatch.Count == 0
            || !EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags))
        {
            return false;
        }

        var current = new EntityTagHeaderValue(etag);
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
    }

    /// <summary>The 304 for the OpenAPI document; each endpoint declares its own 200 body type.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void)));
}
