namespace MockExams.Sandbox.Objects;

public sealed record NextPage(string After, string? Link);
