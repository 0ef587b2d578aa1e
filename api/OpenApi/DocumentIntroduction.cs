using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MockExams.Api.OpenApi;

/// <summary>The document's introduction (the first thing the docs page shows), its tags, and the problem schemas every operation refers to.</summary>
public sealed class DocumentIntroduction : IOpenApiDocumentTransformer
{
    private const string Introduction = """
        Mock exams and their bookings. HubSpot is the system of record; every read here is served from a cache and a
        replica (never HubSpot), every write goes to HubSpot first and is visible to the next read.

        **Authentication.** Every `/api` call needs `Authorization: Bearer <Supabase Auth access token>`. Staff tokens
        carry permissions in `app_metadata.permissions`: `exams.view` (reads), `exams.edit` (exam writes, sync),
        `bookings.manage` (book and cancel for anyone). A student's token carries `app_metadata.hubspot_contact_id`: it
        may list exams and see their seats, and book, cancel, read and list only its own bookings.

        **Conventions.** JSON names are snake_case, the replica's column names; one record has one shape whichever
        endpoint answers it. Lists page with `page` (from 1) and `page_size` (default 50, at most 200) and answer
        `total` and `total_pages`. Errors are RFC 9457 problem details (`application/problem+json`); 400s name each bad
        field in `errors`, and refusals carry a `reason` code (`exam_full`, `booking_not_found`, ...).

        **Conditional reads.** Reads answer an `ETag` and `Cache-Control: private, no-cache`; send the tag back in
        `If-None-Match` and get `304 Not Modified` while it is current. A write is always visible to the next read.

        **Retries and limits.** Writes accept an `Idempotency-Key` header: a repeat gets the first answer. 503 with
        `Retry-After` means "retry shortly" (a write was not done, or its outcome is being confirmed). 429 with
        `Retry-After` is this api's own per-caller write limit; HubSpot's rate limits never reach a client.
        """;

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "MockExams API";
        document.Info.Version = "v1";
        document.Info.Description = Introduction;
        document.Info.License = new OpenApiLicense { Name = "Proprietary", Url = new Uri("https://example.com/mockexams/license") };
        document.Servers = [new OpenApiServer { Url = "/", Description = "This api" }];
        document.Tags = new HashSet<OpenApiTag>
        {
            new() { Name = "Mock exams", Description = "Exams: list, aggregates, one exam with its seats, its bookings; exam writes." },
            new() { Name = "Bookings", Description = "Book, cancel, read and list bookings." },
            new() { Name = "Sync", Description = "The replica's sync with HubSpot (staff)." },
            new() { Name = "Webhooks", Description = "HubSpot's webhook deliveries (not for clients)." },
        };
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.TryAdd("ProblemDetails", Problem(validation: false));
        document.Components.Schemas.TryAdd("HttpValidationProblemDetails", Problem(validation: true));
        return Task.CompletedTask;
    }

    private static OpenApiSchema Problem(bool validation)
    {
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["reason"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Why a write was refused, as a code." },
                ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's trace id, for support." },
            },
        };
        if (validation)
        {
            schema.Properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
        }

        return schema;
    }
}
