namespace MockExams.Sandbox.Objects;

public sealed record AssociatedId(string Id, string Type);
