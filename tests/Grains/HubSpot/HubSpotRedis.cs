using StackExchange.Redis;

namespace MockExams.Tests.Grains.HubSpot;

/// <summary>Connections to the test Redis (./test.sh starts it and exports ConnectionStrings__Redis).</summary>
public static class HubSpotRedis
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Redis") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "ConnectionStrings__Redis is not set. Run the tests through ./test.sh, which starts Redis, "
                + "or start one yourself and export ConnectionStrings__Redis=127.0.0.1:6379.");

    /// <summary>A separate connection, as a separate process would have.</summary>
    public static Task<ConnectionMultiplexer> ConnectAsync() => ConnectionMultiplexer.ConnectAsync(ConnectionString);

    /// <summary>A key prefix no other test uses, so tests can run in parallel on one Redis.</summary>
    public static string UniquePrefix() => $"test:hubspot:{Guid.NewGuid():N}";
}
