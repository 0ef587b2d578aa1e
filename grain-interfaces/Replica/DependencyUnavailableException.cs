namespace MockExams.Replica;

/// <summary>
/// A backing service other than the replica (Redis) failed under a grain call: connection refused, reset, timed out,
/// or a server that cannot take writes right now (a failover). The api turns it into 503 with Retry-After. Like
/// <see cref="ReplicaUnavailableException"/> it is made at the grain edge (<c>grains/Edge/DependencyFailureFilter.cs</c>)
/// from the driver's exception, which the silo logs; only the message crosses the wire.
/// </summary>
[GenerateSerializer, Alias("mockexams.DependencyUnavailableException")]
public sealed class DependencyUnavailableException : Exception
{
    public DependencyUnavailableException()
    {
    }

    public DependencyUnavailableException(string message) : base(message)
    {
    }

    public DependencyUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
