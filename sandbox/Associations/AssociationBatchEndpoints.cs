using MockExams.Sandbox.Crm;
using MockExams.Sandbox.Http;
using MockExams.Sandbox.Objects;

namespace MockExams.Sandbox.Associations;

/// <summary>
/// Associations v4 batches between two object types: /crm/v4/associations/{from}/{to}/… and the dated
/// /crm/associations/{2026-03|2026-09}/{from}/{to}/…. Batch read takes at most 1,000 inputs (HubSpot,
/// since 2025-02); create and associate/default 2,000 and archive 100 (third-party figures).
/// </summary>
public static class AssociationBatchEndpoints
{
    private static readonly string[] Prefixes = ["/crm/v4/associations", "/crm/associations/2026-03", "/crm/associations/2026-09"];
    private const int MaxReadInputs = 1_000;
    private const int MaxCreateInputs = 2_000;
    private const int MaxArchiveInputs = 100;
    private const int PageSize = 500;

    public static IEndpointRouteBuilder MapAssociationBatches(this IEndpointRouteBuilder app)
    {
        foreach (var prefix in Prefixes)
        {
            var group = app.MapGroup(prefix + "/{fromObjectType}/{toObjectType}");
            group.MapPost("/batch/associate/default", AssociateDefaultAsync);
            group.MapPost("/batch/create", CreateAsync);
            group.MapPost("/batch/read", ReadAsync);
            group.MapPost("/batch/archive", ArchiveAsync);
            group.MapGet("/labels", Labels);
        }

        return app;
    }

    private static async Task<IResult> AssociateDefaultAsync(string fromObjectType, string toObjectType, HttpRequest request, CrmStore store)
    {
        var (types, inputs, error) = await ReadInputsAsync<AssociationPairInput>(fromObjectType, toObjectType, request, store, MaxCreateInputs);
        if (error is not null)
        {
            return error;
        }

        if (store.AssociationTypes.Default(types!.Value.From.ObjectTypeId, types.Value.To.ObjectTypeId) is not { } type)
        {
            return new ErrorResult(CrmError.Validation($"{types.Value.From.Name} and {types.Value.To.Name} cannot be associated"));
        }

        var inverse = store.AssociationTypes.Inverse(type);
        return Answer(inputs!, StatusCodes.Status200OK, input =>
        {
            var (fromId, toId) = (input.From?.Id ?? "", input.To?.Id ?? "");
            var failure = store.Associate(type, ParseId(fromId), ParseId(toId));
            DefaultAssociationView[] made =
            [
                new(new PublicObjectId(fromId), new PublicObjectId(toId), new AssociationSpec(type.Category, type.TypeId)),
                new(new PublicObjectId(toId), new PublicObjectId(fromId), new AssociationSpec(inverse.Category, inverse.TypeId)),
            ];
            return (failure is null ? made : [], failure);
        });
    }

    private static async Task<IResult> CreateAsync(string fromObjectType, string toObjectType, HttpRequest request, CrmStore store)
    {
        var (types, inputs, error) = await ReadInputsAsync<AssociationPairInput>(fromObjectType, toObjectType, request, store, MaxCreateInputs);
        if (error is not null)
        {
            return error;
        }

        var (from, to) = types!.Value;
        return Answer<AssociationPairInput, LabelsBetweenObjectPairView>(inputs!, StatusCodes.Status201Created, input =>
        {
            var (fromId, toId) = (input.From?.Id ?? "", input.To?.Id ?? "");
            foreach (var spec in input.Types ?? [])
            {
                if (store.AssociationTypes.Find(from.ObjectTypeId, to.ObjectTypeId, spec.AssociationTypeId) is not { } type
                    || type.Category != spec.AssociationCategory)
                {
                    return ([], CrmError.Validation($"{spec.AssociationCategory} {spec.AssociationTypeId} is not an association type from {from.Name} to {to.Name}"));
                }

                if (store.Associate(type, ParseId(fromId), ParseId(toId)) is { } failure)
                {
                    return ([], failure);
                }
            }

            return ([new LabelsBetweenObjectPairView(from.ObjectTypeId, fromId, to.ObjectTypeId, toId, [])], null);
        });
    }

    private static async Task<IResult> ReadAsync(string fromObjectType, string toObjectType, HttpRequest request, CrmStore store)
    {
        var (types, inputs, error) = await ReadInputsAsync<AssociationReadInput>(fromObjectType, toObjectType, request, store, MaxReadInputs);
        if (error is not null)
        {
            return error;
        }

        var (from, to) = types!.Value;
        return Answer<AssociationReadInput, AssociationReadResultView>(inputs!, StatusCodes.Status200OK, input =>
        {
            var id = input.Id ?? "";
            long afterId = 0;
            if (input.After is { } after && !PagingCursor.TryDecode(after, out afterId))
            {
                return ([], CrmError.Validation($"Invalid paging cursor after={after}"));
            }

            var (page, next) = AssociationViews.Page(store, from.ObjectTypeId, ParseId(id), to.ObjectTypeId, afterId, PageSize);
            if (page is [])
            {
                return ([], new CrmError(StatusCodes.Status404NotFound, "OBJECT_NOT_FOUND",
                    $"No {to.Name} is associated with {from.Name} {id}.",
                    Context: new Dictionary<string, IReadOnlyList<string>> { ["fromObjectId"] = [id] },
                    SubCategory: "crm.associations.NO_ASSOCIATIONS_FOUND"));
            }

            var paging = next is null ? null : new Paging(new NextPage(next, null));
            return ([new AssociationReadResultView(new PublicObjectId(id), page, paging)], null);
        });
    }

    private static async Task<IResult> ArchiveAsync(string fromObjectType, string toObjectType, HttpRequest request, CrmStore store)
    {
        var (types, inputs, error) = await ReadInputsAsync<AssociationArchiveInput>(fromObjectType, toObjectType, request, store, MaxArchiveInputs);
        if (error is not null)
        {
            return error;
        }

        var (from, to) = types!.Value;
        foreach (var input in inputs!)
        {
            foreach (var target in input.To ?? [])
            {
                store.Disassociate(from.ObjectTypeId, ParseId(input.From?.Id), to.ObjectTypeId, ParseId(target.Id));
            }
        }

        return Results.NoContent();
    }

    private static IResult Labels(string fromObjectType, string toObjectType, CrmStore store)
    {
        if (store.Types.Resolve(fromObjectType) is not { } from || store.Types.Resolve(toObjectType) is not { } to)
        {
            return new ErrorResult(CrmError.UnknownObjectType(fromObjectType + " or " + toObjectType));
        }

        var labels = store.AssociationTypes.Between(from.ObjectTypeId, to.ObjectTypeId)
            .Select(t => new AssociationTypeView(t.Category, t.TypeId, t.Label))
            .ToList();
        return Results.Json(new LabelsView(labels), SandboxJson.Options);
    }

    private static async Task<((ObjectTypeDefinition From, ObjectTypeDefinition To)? Types, IReadOnlyList<T>? Inputs, IResult? Error)> ReadInputsAsync<T>(
        string fromObjectType, string toObjectType, HttpRequest request, CrmStore store, int maxInputs)
    {
        if (store.Types.Resolve(fromObjectType) is not { } from || store.Types.Resolve(toObjectType) is not { } to)
        {
            return (null, null, new ErrorResult(CrmError.UnknownObjectType(fromObjectType + " or " + toObjectType)));
        }

        var (body, error) = await JsonBody.ReadAsync<AssociationBatchInput<T>>(request, request.HttpContext.RequestAborted);
        if (body is null)
        {
            return (null, null, new ErrorResult(error!));
        }

        var inputs = body.Inputs ?? [];
        return inputs.Count > maxInputs
            ? (null, null, new ErrorResult(CrmError.Validation($"Too many inputs: {inputs.Count}. This batch accepts at most {maxInputs} inputs.")))
            : ((from, to), inputs, null);
    }

    /// <summary>Runs each input; 207 with errors[] when some failed, as HubSpot's association batches do.</summary>
    private static IResult Answer<TInput, TResult>(IReadOnlyList<TInput> inputs, int successStatus, Func<TInput, (TResult[] Results, CrmError? Error)> run)
    {
        var startedAt = HubSpotTime.Format(DateTimeOffset.UtcNow);
        var results = new List<TResult>();
        var errors = new List<BatchErrorView>();
        foreach (var input in inputs)
        {
            var (made, error) = run(input);
            results.AddRange(made);
            if (error is not null)
            {
                errors.Add(BatchErrorView.From(error));
            }
        }

        var completedAt = HubSpotTime.Format(DateTimeOffset.UtcNow);
        return errors is []
            ? Results.Json(new BatchView<TResult>("COMPLETE", results, null, null, startedAt, completedAt), SandboxJson.Options, statusCode: successStatus)
            : Results.Json(new BatchView<TResult>("COMPLETE", results, errors.Count, errors, startedAt, completedAt),
                SandboxJson.Options, statusCode: StatusCodes.Status207MultiStatus);
    }

    private static long ParseId(string? id) => long.TryParse(id, out var value) ? value : -1;
}
