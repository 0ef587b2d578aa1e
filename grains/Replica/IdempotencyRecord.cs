namespace MockExams.Grains.Replica;

/// <summary>
/// The first answer given for a client's Idempotency-Key: its HTTP status and a JSON body the grain can turn back
/// into the same outcome. Kept 24 hours.
/// </summary>
public sealed record IdempotencyRecord(string Key, string RequestHash, int Status, string ResponseJson);
