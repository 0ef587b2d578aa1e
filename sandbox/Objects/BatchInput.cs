namespace MockExams.Sandbox.Objects;

/// <summary>A batch body: inputs, plus properties and idProperty for batch/read.</summary>
public sealed record BatchInput(
    IReadOnlyList<ObjectInput>? Inputs,
    IReadOnlyList<string>? Properties,
    IReadOnlyList<string>? PropertiesWithHistory,
    string? IdProperty);
