namespace MockExams.Grains.HubSpot;

/// <summary>One page of a list or search: the records and where the next page starts (null: this was the last).</summary>
/// <param name="Next">The list's opaque <c>after</c> cursor; for keyset searches, unused (null).</param>
/// <param name="Total">The number of matches a search reported (null for a list).</param>
public sealed record HubSpotPage<T>(IReadOnlyList<T> Items, string? Next, long? Total = null);
