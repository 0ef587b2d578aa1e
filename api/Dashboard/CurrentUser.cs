namespace MockExams.Api.Dashboard;

/// <summary><c>GET /api/me</c>: the bearer token's subject and the permissions it carries.</summary>
public sealed record CurrentUser(string? Subject, IReadOnlyList<string> Permissions);
