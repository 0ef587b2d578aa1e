using MockExams.Sandbox.Configuration;
using MockExams.Sandbox.Crm;
using MockExams.Sandbox.Http;
using MockExams.Sandbox.Limits;

namespace MockExams.Sandbox.Objects;

/// <summary>
/// batch/read, create, update, upsert, archive: at most 100 inputs. An input with objectWriteTraceId
/// may fail alone (207 with errors[].context.objectWriteTraceId); a failing input without one rejects the batch.
/// </summary>
public static class ObjectBatchEndpoints
{
    public const int MaxInputs = 100;

    public static RouteGroupBuilder MapBatches(this RouteGroupBuilder group)
    {
        group.MapPost("/{objectType}/batch/read", ReadAsync);
        group.MapPost("/{objectType}/batch/create", (string objectType, HttpRequest request, CrmStore store, RecordViews views) =>
            WriteAsync(objectType, request, store, views, store.Create, StatusCodes.Status201Created, reportNew: false));
        group.MapPost("/{objectType}/batch/update", (string objectType, HttpRequest request, CrmStore store, RecordViews views) =>
            WriteAsync(objectType, request, store, views, store.Update, StatusCodes.Status200OK, reportNew: false));
        group.MapPost("/{objectType}/batch/upsert", (string objectType, HttpRequest request, CrmStore store, RecordViews views) =>
            WriteAsync(objectType, request, store, views, store.Upsert, StatusCodes.Status200OK, reportNew: true));
        group.MapPost("/{objectType}/batch/archive", ArchiveAsync);
        return group;
    }

    private static async Task<(ObjectTypeDefinition? Type, BatchInput? Body, IResult? Error)> ReadBatchAsync(
        string objectType, HttpRequest request, CrmStore store)
    {
        if (store.Types.Resolve(objectType) is not { } type)
        {
            return (null, null, new ErrorResult(CrmError.UnknownObjectType(objectType)));
        }

        var (body, error) = await JsonBody.ReadAsync<BatchInput>(request, request.HttpContext.RequestAborted);
        if (body is null)
        {
            return (null, null, new ErrorResult(error!));
        }

        var count = body.Inputs?.Count ?? 0;
        return count > MaxInputs
            ? (null, null, new ErrorResult(CrmError.Validation($"Too many inputs: {count}. A batch accepts at most {MaxInputs} inputs.")))
            : (type, body, null);
    }

    private static async Task<IResult> ReadAsync(string objectType, HttpRequest request, CrmStore store, RecordViews views)
    {
        var (type, body, error) = await ReadBatchAsync(objectType, request, store);
        if (error is not null)
        {
            return error;
        }

        var startedAt = HubSpotTime.Format(DateTimeOffset.UtcNow);
        var archived = CrmQuery.From(request).Archived;
        var found = new List<ObjectView>();
        var missing = new List<string>();
        foreach (var id in (body!.Inputs ?? []).Select(i => i.Id ?? "").Distinct())
        {
            if (store.Find(type!, id, body.IdProperty, archived) is { } record)
            {
                found.Add(views.Read(type!, record, body.Properties));
            }
            else
            {
                missing.Add(id);
            }
        }

        if (missing is [])
        {
            return Results.Json(new BatchView<ObjectView>("COMPLETE", found, null, null, startedAt, HubSpotTime.Format(DateTimeOffset.UtcNow)),
                SandboxJson.Options);
        }

        var notFound = CrmError.NotFound(
            $"Could not get some {type!.Name.ToUpperInvariant()} objects, they may be deleted or not exist. Check that ids are valid.",
            new Dictionary<string, IReadOnlyList<string>> { ["ids"] = missing });
        return Results.Json(
            new BatchView<ObjectView>("COMPLETE", found, 1, [BatchErrorView.From(notFound)], startedAt, HubSpotTime.Format(DateTimeOffset.UtcNow)),
            SandboxJson.Options, statusCode: StatusCodes.Status207MultiStatus);
    }

    private static async Task<IResult> WriteAsync(
        string objectType, HttpRequest request, CrmStore store, RecordViews views,
        Func<ObjectTypeDefinition, IReadOnlyList<WriteRequest>, ChangeSource, BatchWriteOutcome> write, int successStatus, bool reportNew)
    {
        var (type, body, error) = await ReadBatchAsync(objectType, request, store);
        if (error is not null)
        {
            return error;
        }

        var startedAt = HubSpotTime.Format(DateTimeOffset.UtcNow);
        var settings = request.HttpContext.RequestServices.GetRequiredService<SandboxConfig>().Current;
        var inputs = (body!.Inputs ?? []).Select(i => FaultScope.RefusesInput(request.HttpContext, settings)
                ? i.ToWriteRequest() with { InjectedRefusal = InjectedRefusal() }
                : i.ToWriteRequest())
            .ToList();
        var outcome = write(type!, inputs, ChangeSource.Api);
        if (outcome.Rejected is { } rejected)
        {
            return new ErrorResult(rejected);
        }

        var results = outcome.Results
            .Where(r => r.Record is not null)
            .Select(r => views.Written(r.Record!) with
            {
                ObjectWriteTraceId = r.Input.ObjectWriteTraceId,
                IsNew = reportNew ? r.Created : null,
            })
            .ToList();
        var errors = outcome.Results.Where(r => r.Error is not null).Select(r => BatchErrorView.From(r.Error!)).ToList();
        var completedAt = HubSpotTime.Format(DateTimeOffset.UtcNow);
        return errors is []
            ? Results.Json(new BatchView<ObjectView>("COMPLETE", results, null, null, startedAt, completedAt), SandboxJson.Options, statusCode: successStatus)
            : Results.Json(new BatchView<ObjectView>("COMPLETE", results, errors.Count, errors, startedAt, completedAt),
                SandboxJson.Options, statusCode: StatusCodes.Status207MultiStatus);
    }

    private static async Task<IResult> ArchiveAsync(string objectType, HttpRequest request, CrmStore store)
    {
        var (type, body, error) = await ReadBatchAsync(objectType, request, store);
        if (error is not null)
        {
            return error;
        }

        store.Archive(type!, (body!.Inputs ?? []).Select(i => (i.Id ?? "", (string?)null)).ToList(), ChangeSource.Api);
        return Results.NoContent();
    }

    /// <summary>What a portal validation rule says when it refuses a value (InputRefusalRate).</summary>
    private static CrmError InjectedRefusal() =>
        CrmError.Validation("Property values were not valid: a validation rule of this portal refused the input",
            new CrmErrorDetail("The value was refused by a validation rule (sandbox InputRefusalRate)", "INVALID_OPTION"));
}
