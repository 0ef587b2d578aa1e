namespace MockExams.Sandbox.Crm;

public sealed record PropertyDefinition(string Name, PropertyType Type, bool Unique = false, bool ReadOnly = false);
