namespace MockExams.Grains.HubSpot.Wire;

internal sealed record NextPage(string? After);
