using System.Text.Json.Nodes;
using MockExams.Sandbox.Configuration;
using MockExams.Sandbox.Crm;
using MockExams.Sandbox.Http;
using MockExams.Sandbox.Limits;
using MockExams.Sandbox.Objects;
using MockExams.Sandbox.Occupancy;
using MockExams.Sandbox.Observability;

namespace MockExams.Sandbox.Admin;

/// <summary>/__sandbox: knobs, counters, reset, dump, and edits "in HubSpot's UI". No token, no budget.</summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapSandboxAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/__sandbox");
        group.MapGet("/health", () => Results.Text("ok"));
        group.MapGet("/config", (SandboxConfig config) => Results.Json(config.Current, SandboxJson.Options));
        group.MapPut("/config", UpdateConfigAsync);
        group.MapGet("/stats", (SandboxStats stats, HubSpotRateLimiter limiter, CrmStore store) =>
            Results.Json(stats.Snapshot(limiter.Snapshot(), store.OverCapacityExams()), SandboxJson.Options));
        group.MapGet("/occupancy", Occupancy);
        group.MapPost("/reset", Reset);
        group.MapGet("/dump", Dump);
        group.MapPost("/seed", SeedAsync);
        group.MapPost("/objects/{objectType}", CreateAsync);
        group.MapPatch("/objects/{objectType}/{objectId}", UpdateAsync);
        group.MapDelete("/objects/{objectType}/{objectId}", Archive);
        return app;
    }

    private static async Task<IResult> UpdateConfigAsync(HttpRequest request, SandboxConfig config)
    {
        var (patch, error) = await JsonBody.ReadAsync<JsonObject>(request, request.HttpContext.RequestAborted);
        if (patch is null)
        {
            return new ErrorResult(error!);
        }

        return config.Apply(patch) is { } invalid ? new ErrorResult(invalid) : Results.Json(config.Current, SandboxJson.Options);
    }

    /// <summary>Seats and their high-water marks per exam; <c>?examIds=1,2</c> limits the answer to those exams.</summary>
    private static IResult Occupancy(string? examIds, CrmStore store)
    {
        List<long>? ids = null;
        if (examIds is not null)
        {
            ids = [];
            foreach (var part in examIds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!long.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
                {
                    return new ErrorResult(CrmError.Validation($"examIds: '{part}' is not a record id"));
                }

                ids.Add(id);
            }
        }

        var marks = store.SeatMarks(ids);
        return Results.Json(new OccupancyView(marks, [.. marks.Select(m => m.OverCapacity).OfType<OverCapacityMark>()]), SandboxJson.Options);
    }

    private static IResult Reset(CrmStore store, SandboxStats stats, HubSpotRateLimiter limiter)
    {
        store.Reset();
        stats.Reset();
        limiter.Reset();
        return Results.NoContent();
    }

    private static async Task<IResult> SeedAsync(HttpRequest request, SandboxSeeder seeder)
    {
        var (seed, error) = await JsonBody.ReadAsync<SeedRequest>(request, request.HttpContext.RequestAborted);
        if (seed is null)
        {
            return new ErrorResult(error!);
        }

        if (seed.Exams < 0 || seed.BookingsPerExam < 0)
        {
            return new ErrorResult(CrmError.Validation("exams and bookingsPerExam must not be negative"));
        }

        return Results.Json(seeder.Seed(seed), SandboxJson.Options);
    }

    private static IResult Dump(CrmStore store)
    {
        var snapshot = store.Export();
        var links = snapshot.Associations.ToLookup(l => (l.FromTypeId, l.FromId));
        var byType = store.Types.All.ToDictionary(
            t => t.Name,
            t => snapshot.Records.Where(r => r.ObjectTypeId == t.ObjectTypeId).Select(r => new DumpRecord(
                r.Id.ToString(), r.ObjectTypeId, r.Properties, HubSpotTime.Format(r.CreatedAt), HubSpotTime.Format(r.UpdatedAt),
                r.Archived, r.ArchivedAt is { } at ? HubSpotTime.Format(at) : null,
                links[(r.ObjectTypeId, r.Id)].Select(l => new DumpAssociation(l.ToTypeId, l.ToId.ToString(), l.Category, l.TypeId)).ToList()))
                .ToList());
        return Results.Json(new DumpView(byType), SandboxJson.Options);
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

        var outcome = store.Create(type, [input.ToWriteRequest() with { ObjectWriteTraceId = null }], ChangeSource.CrmUi);
        return outcome.Rejected is { } rejected
            ? new ErrorResult(rejected)
            : Results.Json(views.Written(outcome.Results[0].Record!), SandboxJson.Options, statusCode: StatusCodes.Status201Created);
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

        var outcome = store.Update(type, [new WriteRequest(input.PropertyValues(), objectId)], ChangeSource.CrmUi);
        return outcome.Rejected is { } rejected
            ? new ErrorResult(rejected)
            : Results.Json(views.Written(outcome.Results[0].Record!), SandboxJson.Options);
    }

    private static IResult Archive(string objectType, string objectId, CrmStore store)
    {
        if (store.Types.Resolve(objectType) is not { } type)
        {
            return new ErrorResult(CrmError.UnknownObjectType(objectType));
        }

        return store.Archive(type, [(objectId, null)], ChangeSource.CrmUi) is []
            ? new ErrorResult(CrmError.NotFound("resource not found"))
            : Results.NoContent();
    }
}
