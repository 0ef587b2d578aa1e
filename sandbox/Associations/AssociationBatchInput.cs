namespace MockExams.Sandbox.Associations;

public sealed record AssociationBatchInput<T>(IReadOnlyList<T>? Inputs);
