namespace MockExams.Grains.HubSpot.Wire;

internal sealed record Paging(NextPage? Next);
