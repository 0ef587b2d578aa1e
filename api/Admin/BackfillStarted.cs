namespace MockExams.Api.Admin;

/// <summary>Whether this request started a backfill in the sync grain (false: one was already running there).</summary>
public sealed record BackfillStarted(bool Started);
