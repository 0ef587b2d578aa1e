using System.Text.Json;
using MockExams.Sync;

namespace MockExams.Api.Admin;

/// <summary>One sync run, its counters and details as JSON objects.</summary>
public sealed record SyncRunResponse(
    long Id, string Kind, string? ObjectType, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string Status,
    JsonElement Counts, JsonElement Details, string? Error)
{
    public static SyncRunResponse From(SyncRun run) => new(
        run.Id, run.Kind, run.ObjectType, run.StartedAt, run.FinishedAt, run.Status,
        JsonDocument.Parse(run.Counts).RootElement.Clone(), JsonDocument.Parse(run.Details).RootElement.Clone(), run.Error);
}
