namespace MockExams.Cli.Commands;

/// <summary>A running api and its sandbox, as a load command was told to reach them, with the bearer token to send.</summary>
internal sealed record RunningApi(string ApiUrl, string SandboxUrl, string Token);
