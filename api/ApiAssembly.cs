namespace MockExams.Api;

/// <summary>
/// Names the api assembly for <c>WebApplicationFactory</c>: the sandbox, silo and CLI also have a top-level
/// <c>Program</c>, so tests cannot say <c>Program</c> unambiguously.
/// </summary>
public sealed class ApiAssembly;
