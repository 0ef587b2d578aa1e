namespace MockExams.Grains.HubSpot.Wire;

internal sealed record SearchFilter(string PropertyName, string Operator, string? Value = null);
