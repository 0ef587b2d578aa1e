using MockExams.Sandbox.Crm;
using MockExams.Sandbox.Http;
using MockExams.Sandbox.Objects;

namespace MockExams.Sandbox.Associations;

/// <summary>
/// Associations v4 on one record: default and labelled association, removal, listing. Legacy path
/// /crm/v4/objects; dated paths /crm/objects/{2026-03|2026-09} as in HubSpot's 2026-09 spec (the
/// listing GET is not in that spec, but is mapped there too).
/// </summary>
public static class AssociationEndpoints
{
    private static readonly string[] Prefixes = ["/crm/v4/objects", "/crm/objects/2026-03", "/crm/objects/2026-09"];
    private const int MaxListLimit = 500;

    public static IEndpointRouteBuilder MapAssociations(this IEndpointRouteBuilder app)
    {
        foreach (var prefix in Prefixes)
        {
            var group = app.MapGroup(prefix);
            group.MapPut("/{fromObjectType}/{fromObjectId}/associations/default/{toObjectType}/{toObjectId}", AssociateDefault);
            group.MapPut("/{fromObjectType}/{fromObjectId}/associations/{toObjectType}/{toObjectId}", AssociateLabelledAsync);
            group.MapDelete("/{fromObjectType}/{fromObjectId}/associations/{toObjectType}/{toObjectId}", Remove);
            group.MapGet("/{fromObjectType}/{fromObjectId}/associations/{toObjectType}", List);
        }

        app.MapAssociationBatches();
        return app;
    }

    private static IResult AssociateDefault(string fromObjectType, string fromObjectId, string toObjectType, string toObjectId, CrmStore store)
    {
        if (Resolve(store, fromObjectType, fromObjectId, toObjectType, toObjectId) is not { } pair)
        {
            return UnknownPair(fromObjectType, toObjectType);
        }

        if (store.AssociationTypes.Default(pair.From.ObjectTypeId, pair.To.ObjectTypeId) is not { } type)
        {
            return new ErrorResult(CrmError.Validation($"{pair.From.Name} and {pair.To.Name} cannot be associated"));
        }

        if (store.Associate(type, pair.FromId, pair.ToId) is { } error)
        {
            return new ErrorResult(error);
        }

        var startedAt = HubSpotTime.Format(DateTimeOffset.UtcNow);
        var inverse = store.AssociationTypes.Inverse(type);
        DefaultAssociationView[] results =
        [
            new(new PublicObjectId(fromObjectId), new PublicObjectId(toObjectId), new AssociationSpec(type.Category, type.TypeId)),
            new(new PublicObjectId(toObjectId), new PublicObjectId(fromObjectId), new AssociationSpec(inverse.Category, inverse.TypeId)),
        ];
        return Results.Json(new BatchView<DefaultAssociationView>("COMPLETE", results, null, null, startedAt, HubSpotTime.Format(DateTimeOffset.UtcNow)),
            SandboxJson.Options);
    }

    private static async Task<IResult> AssociateLabelledAsync(
        string fromObjectType, string fromObjectId, string toObjectType, string toObjectId, HttpRequest request, CrmStore store)
    {
        if (Resolve(store, fromObjectType, fromObjectId, toObjectType, toObjectId) is not { } pair)
        {
            return UnknownPair(fromObjectType, toObjectType);
        }

        var (specs, bodyError) = await JsonBody.ReadAsync<List<AssociationSpec>>(request, request.HttpContext.RequestAborted);
        if (specs is null)
        {
            return new ErrorResult(bodyError!);
        }

        foreach (var spec in specs)
        {
            if (store.AssociationTypes.Find(pair.From.ObjectTypeId, pair.To.ObjectTypeId, spec.AssociationTypeId) is not { } type
                || type.Category != spec.AssociationCategory)
            {
                return new ErrorResult(CrmError.Validation(
                    $"{spec.AssociationCategory} {spec.AssociationTypeId} is not an association type from {pair.From.Name} to {pair.To.Name}"));
            }

            if (store.Associate(type, pair.FromId, pair.ToId) is { } error)
            {
                return new ErrorResult(error);
            }
        }

        var labels = specs
            .Select(s => store.AssociationTypes.Find(pair.From.ObjectTypeId, pair.To.ObjectTypeId, s.AssociationTypeId)?.Label)
            .OfType<string>()
            .ToList();
        return Results.Json(
            new LabelsBetweenObjectPairView(pair.From.ObjectTypeId, fromObjectId, pair.To.ObjectTypeId, toObjectId, labels),
            SandboxJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static IResult Remove(string fromObjectType, string fromObjectId, string toObjectType, string toObjectId, CrmStore store)
    {
        if (Resolve(store, fromObjectType, fromObjectId, toObjectType, toObjectId) is not { } pair)
        {
            return UnknownPair(fromObjectType, toObjectType);
        }

        store.Disassociate(pair.From.ObjectTypeId, pair.FromId, pair.To.ObjectTypeId, pair.ToId);
        return Results.NoContent();
    }

    private static IResult List(string fromObjectType, string fromObjectId, string toObjectType, HttpRequest request, CrmStore store)
    {
        if (Resolve(store, fromObjectType, fromObjectId, toObjectType, "0") is not { } pair)
        {
            return UnknownPair(fromObjectType, toObjectType);
        }

        var query = CrmQuery.From(request);
        var limit = Math.Clamp(query.Limit ?? MaxListLimit, 1, MaxListLimit);
        long afterId = 0;
        if (query.After is { } after && !PagingCursor.TryDecode(after, out afterId))
        {
            return new ErrorResult(CrmError.Validation($"Invalid paging cursor after={after}"));
        }

        var (page, next) = AssociationViews.Page(store, pair.From.ObjectTypeId, pair.FromId, pair.To.ObjectTypeId, afterId, limit);
        var paging = next is null ? null : new Paging(new NextPage(next, PagingCursor.Link(request, next)));
        return Results.Json(new CollectionView<AssociatedObjectView>(page, paging), SandboxJson.Options);
    }

    private static ResolvedPair? Resolve(CrmStore store, string fromType, string fromId, string toType, string toId) =>
        store.Types.Resolve(fromType) is { } from && store.Types.Resolve(toType) is { } to
            ? new ResolvedPair(from, long.TryParse(fromId, out var f) ? f : -1, to, long.TryParse(toId, out var t) ? t : -1)
            : null;

    private static ErrorResult UnknownPair(string fromType, string toType) =>
        new(CrmError.UnknownObjectType(fromType + " or " + toType));
}
