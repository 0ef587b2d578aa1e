namespace MockExams.Api.Admin;

/// <summary>A background sync run was started (or was already running): poll <see cref="StatusUrl"/>.</summary>
public sealed record RunStarted(long RunId, string StatusUrl);
