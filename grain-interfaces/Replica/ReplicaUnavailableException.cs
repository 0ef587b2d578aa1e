namespace MockExams.Replica;

/// <summary>
/// The replica could not answer a read the cache did not hold (connection refused, reset or timed out).
/// The api turns it into 503 with Retry-After. The silo logs the driver's exception; only the message crosses the wire.
/// </summary>
[GenerateSerializer, Alias("mockexams.ReplicaUnavailableException")]
public sealed class ReplicaUnavailableException : Exception
{
    public ReplicaUnavailableException()
    {
    }

    public ReplicaUnavailableException(string message) : base(message)
    {
    }

    public ReplicaUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
