using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MockExams.Api.Auth;
using MockExams.Api.Input;
using MockExams.Exams;
using MockExams.Sync;

namespace MockExams.Api.Admin;

/// <summary>The replica sync's admin surface: force sync (the seed's step 6), status, reconcile, backfill, runs.</summary>
public static class SyncAdminEndpoints
{
    public static RouteGroupBuilder MapSyncAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/sync").WithTags("Sync");
        group.MapPost("/force-supabase", ForceSyncAsync).WithName("ForceSync").RequireAuthorization(Permissions.ExamsEdit);
        group.MapGet("/status", StatusAsync).WithName("GetSyncStatus").RequireAuthorization(Permissions.ExamsView);
        group.MapPost("/reconcile", ReconcileAsync).WithName("StartReconcile").RequireAuthorization(Permissions.ExamsEdit);
        group.MapPost("/backfill", BackfillAsync).WithName("StartBackfill").RequireAuthorization(Permissions.ExamsEdit);
        group.MapPost("/incremental", IncrementalAsync).WithName("RunIncrementalSync").RequireAuthorization(Permissions.ExamsEdit);
        group.MapGet("/runs/{id:long}", RunAsync).WithName("GetSyncRun").RequireAuthorization(Permissions.ExamsView);
        group.MapGet("/exams", ExamFreshnessAsync).WithName("GetExamFreshness").RequireAuthorization(Permissions.ExamsView);
        group.MapGet("/exams/{id}/bookings", BookingFreshnessAsync).WithName("GetBookingFreshness").RequireAuthorization(Permissions.ExamsView);
        return group;
    }

    /// <summary>
    /// <c>?type=exams</c>: every exam re-read from HubSpot and applied through its exam grain.
    /// <c>?type=bookings&amp;examId=…</c>: one exam and its bookings re-read and made to match (404 when HubSpot has no such exam).
    /// </summary>
    private static async Task<Results<Ok<ForceSyncResponse>, ValidationProblem, ProblemHttpResult>> ForceSyncAsync(
        [FromQuery] string? type, [FromQuery] string? examId, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        ForceSyncRequest.Validate(type, examId, errors);
        if (errors.Any)
        {
            return errors.ToProblem("Invalid force sync request", "Use type=exams, or type=bookings&examId=<HubSpot exam id>.");
        }

        if (type == ForceSyncRequest.Exams)
        {
            var synced = await grains.GetGrain<ISyncGrain>(ISyncGrain.SingletonKey).ForceSyncExamsAsync(cancellationToken);
            return TypedResults.Ok(new ForceSyncResponse(true, $"Synced {synced} exams", synced));
        }

        // Validate guarantees examId with type=bookings.
        var outcome = await grains.GetGrain<IMockExamGrain>(examId!).ForceSyncAsync(cancellationToken);
        return outcome.ExamFound
            ? TypedResults.Ok(new ForceSyncResponse(true, $"Synced {outcome.BookingsSynced} bookings", outcome.BookingsSynced))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Mock exam not found",
                detail: $"HubSpot has no mock exam with id '{examId}'.");
    }

    private static async Task<Ok<SyncStatus>> StatusAsync(IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await grains.GetGrain<ISyncGrain>(ISyncGrain.SingletonKey).GetStatusAsync(cancellationToken));

    /// <summary>Each exam's <c>synced_at</c> against HubSpot's last modification: the dashboard's staleness column.</summary>
    private static async Task<Ok<ExamFreshnessList>> ExamFreshnessAsync(ExamFreshnessReader reader, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reader.ReadAsync(cancellationToken));

    /// <summary>The sync times of one exam's bookings: the drill-down's staleness column; 404 for an exam the replica lacks.</summary>
    private static async Task<Results<Ok<BookingFreshnessList>, ProblemHttpResult>> BookingFreshnessAsync(
        string id, ExamFreshnessReader reader, CancellationToken cancellationToken) =>
        await reader.ReadBookingsAsync(id.Trim(), cancellationToken) is { } list
            ? TypedResults.Ok(list)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Mock exam not found",
                detail: $"The replica holds no mock exam with id '{id}'.");

    /// <summary>Starts a reconciliation (or joins the running one): 202 with the run to poll.</summary>
    private static async Task<Accepted<RunStarted>> ReconcileAsync(
        [FromQuery] bool? repair, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var runId = await grains.GetGrain<ISyncGrain>(ISyncGrain.SingletonKey).StartReconcileAsync(repair ?? false, cancellationToken);
        return TypedResults.Accepted($"/api/admin/sync/runs/{runId}", new RunStarted(runId, $"/api/admin/sync/runs/{runId}"));
    }

    /// <summary>Starts (or resumes) a backfill in the sync grain: 202; <c>started</c> is false when one is already running there.</summary>
    private static async Task<Accepted<BackfillStarted>> BackfillAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        var started = await grains.GetGrain<ISyncGrain>(ISyncGrain.SingletonKey).StartBackfillAsync(cancellationToken);
        return TypedResults.Accepted("/api/admin/sync/status", new BackfillStarted(started));
    }

    private static async Task<Ok<IncrementalSyncOutcome>> IncrementalAsync(IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await grains.GetGrain<ISyncGrain>(ISyncGrain.SingletonKey).SyncNowAsync(cancellationToken));

    private static async Task<Results<Ok<SyncRunResponse>, ProblemHttpResult>> RunAsync(
        long id, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var run = await grains.GetGrain<ISyncGrain>(ISyncGrain.SingletonKey).GetRunAsync(id, cancellationToken);
        return run is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Sync run not found", detail: $"No sync run has id {id}.")
            : TypedResults.Ok(SyncRunResponse.From(run));
    }
}
