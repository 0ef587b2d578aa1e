using MockExams.Sandbox.Configuration;
using MockExams.Sandbox.Crm;
using MockExams.Sandbox.Http;

namespace MockExams.Sandbox.Objects;

/// <summary>
/// CRM objects: create, read, update, archive, list. Mapped on the legacy path (/crm/v3/objects) and the
/// dated ones (/crm/objects/2026-03, /crm/objects/2026-09), which share shapes.
/// </summary>
public static class ObjectEndpoints
{
    public static readonly string[] Prefixes = ["/crm/v3/objects", "/crm/objects/2026-03", "/crm/objects/2026-09"];

    private const int MaxListLimit = 100;
    private const int DefaultLimit = 10;

    public static IEndpointRouteBuilder MapObjects(this IEndpointRouteBuilder app)
    {
        foreach (var prefix in Prefixes)
        {
            var group = app.MapGroup(prefix);
            group.MapPost("/{objectType}", CreateAsync);
            group.MapGet("/{objectType}", List);
            group.MapGet("/{objectType}/{objectId}", Read);
            group.MapPatch("/{objectType}/{objectId}", UpdateAsync);
            group.MapDelete("/{objectType}/{objectId}", Archive);
            group.MapBatches();
        }

        return app;
    }

    private static async Task<IResult> CreateAsync(string objectType, HttpRequest request, CrmStore store, RecordViews views)
    {
        if (store.Types.Resolve(objectType) is not { } type)
        {
            return new ErrorResult(CrmError.UnknownObjectType(objectType));
        }

        var (input, error) = await JsonBody.ReadAsync<ObjectInput>(request, request.HttpContext.RequestAborted);
        if (input is null)
        {
            return new ErrorResult(error!);
        }

        var outcome = store.Create(type, [input.ToWriteRequest() with { ObjectWriteTraceId = null }], ChangeSource.Api);
        return outcome.Rejected is { } rejected
            ? new ErrorResult(rejected)
            : Results.Json(views.Written(outcome.Results[0].Record!), SandboxJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static IResult Read(string objectType, string objectId, HttpRequest request, CrmStore store, RecordViews views)
    {
        if (store.Types.Resolve(objectType) is not { } type)
        {
            return new ErrorResult(CrmError.UnknownObjectType(objectType));
        }

        var query = CrmQuery.From(request);
        return store.Find(type, objectId, query.IdProperty, query.Archived) is { } record
            ? Results.Json(views.Read(type, record, query.Properties, query.Associations), SandboxJson.Options)
            : new ErrorResult(CrmError.NotFound("resource not found"));
    }

    private static async Task<IResult> UpdateAsync(string objectType, string objectId, HttpRequest request, CrmStore store, RecordViews views)
    {
        if (store.Types.Resolve(objectType) is not { } type)
        {
            return new ErrorResult(CrmError.UnknownObjectType(objectType));
        }

        var (input, error) = await JsonBody.ReadAsync<ObjectInput>(request, request.HttpContext.RequestAborted);
        if (input is null)
        {
            return new ErrorResult(error!);
        }

        var idProperty = CrmQuery.From(request).IdProperty;
        var outcome = store.Update(type, [new WriteRequest(input.PropertyValues(), objectId, idProperty)], ChangeSource.Api);
        return outcome.Rejected is { } rejected
            ? new ErrorResult(rejected)
            : Results.Json(views.Written(outcome.Results[0].Record!), SandboxJson.Options);
    }

    private static IResult Archive(string objectType, string objectId, CrmStore store, SandboxConfig config)
    {
        if (store.Types.Resolve(objectType) is not { } type)
        {
            return new ErrorResult(CrmError.UnknownObjectType(objectType));
        }

        var archived = store.Archive(type, [(objectId, null)], ChangeSource.Api);
        return archived is [] && config.Current.ArchiveMissingStatus == StatusCodes.Status404NotFound
            ? new ErrorResult(CrmError.NotFound("resource not found"))
            : Results.NoContent();
    }

    private static IResult List(string objectType, HttpRequest request, CrmStore store, RecordViews views, SandboxConfig config)
    {
        if (store.Types.Resolve(objectType) is not { } type)
        {
            return new ErrorResult(CrmError.UnknownObjectType(objectType));
        }

        var query = CrmQuery.From(request);
        var limit = query.Limit ?? DefaultLimit;
        if (limit < 1 || (limit > MaxListLimit && config.Current.RejectListLimitOver100))
        {
            return new ErrorResult(CrmError.Validation($"limit must be between 1 and {MaxListLimit}; got {limit}"));
        }

        limit = Math.Min(limit, MaxListLimit);
        long fromId = 0;
        if (query.After is { } after && !PagingCursor.TryDecode(after, out fromId))
        {
            return new ErrorResult(CrmError.Validation($"Invalid paging cursor after={after}"));
        }

        var page = store.ListPage(type, query.Archived, fromId, limit + 1).ToList();
        Paging? paging = null;
        if (page.Count > limit)
        {
            var cursor = PagingCursor.Encode(page[limit].Id);
            paging = new Paging(new NextPage(cursor, PagingCursor.Link(request, cursor)));
            page.RemoveAt(limit);
        }

        var results = page.Select(r => views.Read(type, r, query.Properties, query.Associations)).ToList();
        return Results.Json(new CollectionView<ObjectView>(results, paging), SandboxJson.Options);
    }
}
