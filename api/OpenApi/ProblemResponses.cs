using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MockExams.Api.OpenApi;

/// <summary>
/// Summary, description and every answer of each operation from <see cref="OperationCatalog"/>: each problem status as
/// <c>application/problem+json</c> (RFC 9457) with an example, and the success status a handler's type cannot show.
/// </summary>
public sealed class ProblemResponses : IOpenApiOperationTransformer
{
    private static readonly Dictionary<int, (string Description, string Title, string? Reason)> Problems = new()
    {
        [400] = ("Invalid request: `errors` names each bad field or parameter.", "One or more validation errors occurred.", null),
        [401] = ("No valid bearer token.", "Unauthorized", null),
        [403] = ("The token lacks the permission, or a student acts for someone else.", "Forbidden", null),
        [404] = ("No such exam, booking or run in the replica (or not the student's own).", "Not found", "booking_not_found"),
        [409] = ("Refused by the exam's rules: full, closed, past, already booked, already cancelled.", "Exam full", "exam_full"),
        [413] = ("Delivery too large.", "Webhook delivery too large", null),
        [429] = ("This caller sent too many writes (the api's own limit, never HubSpot's); retry after `Retry-After` seconds.",
            "Too many writes", "rate_limited"),
        [503] = ("Briefly unavailable (replica, cluster or HubSpot budget); retry after `Retry-After` seconds.",
            "Service unavailable", "retry_later"),
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId is not { } id || !OperationCatalog.Operations.TryGetValue(id, out var doc))
        {
            return Task.CompletedTask;
        }

        operation.Summary = doc.Summary;
        operation.Description = doc.Description;
        operation.Responses ??= [];
        if (doc.SuccessStatus is { } success
            && operation.Responses.TryGetValue(success.ToString(System.Globalization.CultureInfo.InvariantCulture), out var answer)
            && answer is OpenApiResponse ok)
        {
            ok.Description = "Created; `Location` names the new resource.";
            ok.Headers ??= new Dictionary<string, IOpenApiHeader>();
            ok.Headers["Location"] = new OpenApiHeader { Description = "The new resource.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        }

        foreach (var status in doc.Problems)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var (description, title, reason) = Problems[status];
            var schemaName = status == 400 ? "HttpValidationProblemDetails" : "ProblemDetails";
            var example = new JsonObject
            {
                ["type"] = $"https://tools.ietf.org/html/rfc9110#section-15.{(status >= 500 ? 6 : 5)}.{(status >= 500 ? status - 499 : status - 399)}",
                ["title"] = title,
                ["status"] = status,
            };
            if (status == 400)
            {
                example["errors"] = new JsonObject { ["page_size"] = new JsonArray("Must be a whole number from 1 to 200, not '0'.") };
            }

            if (reason is not null)
            {
                example["reason"] = reason;
            }

            var response = operation.Responses.TryGetValue(key, out var existing) && existing is OpenApiResponse declared
                ? declared
                : new OpenApiResponse();
            response.Description = description;
            response.Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new()
                {
                    Schema = new OpenApiSchemaReference(schemaName, context.Document),
                    Example = example,
                },
            };
            if (status is 429 or 503)
            {
                response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                response.Headers["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before retrying.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                };
            }

            operation.Responses[key] = response;
        }

        if (operation.Responses.TryGetValue("304", out var notModified) && notModified is OpenApiResponse unchanged)
        {
            unchanged.Description = "Not modified: the `If-None-Match` tag is still current (the grain confirmed it).";
        }

        return Task.CompletedTask;
    }
}
