namespace MockExams.Grains.HubSpot.Wire;

internal sealed record SearchSort(string PropertyName, string Direction);
