namespace MockExams.Grains.Replica;

/// <summary>Row counts of one replica table and how long recent HubSpot changes took to reach it.</summary>
public sealed record ReplicaTableStats(long Rows, long LiveRows, double? PropagationP50Seconds, double? PropagationMaxSeconds);
