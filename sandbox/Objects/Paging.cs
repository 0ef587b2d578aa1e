namespace MockExams.Sandbox.Objects;

/// <summary>Forward paging; HubSpot leaves the whole object out on the last page.</summary>
public sealed record Paging(NextPage Next);
