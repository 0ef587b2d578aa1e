namespace MockExams.Grains.HubSpot.Wire;

/// <summary>One input of associations v4 batch/read; <c>After</c> resumes one id's paging.</summary>
internal sealed record AssociationReadInput(string Id, string? After = null);
