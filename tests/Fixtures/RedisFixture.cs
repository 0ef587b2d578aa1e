using StackExchange.Redis;

namespace MockExams.Tests.Fixtures;

/// <summary>
/// The real Redis that ./test.sh starts (env <c>ConnectionStrings__Redis</c>), with a key prefix unique to this
/// fixture so parallel tests never see each other's keys. A missing Redis fails the run, never skips it.
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    public string ConnectionString { get; } = Environment.GetEnvironmentVariable("ConnectionStrings__Redis")
        ?? throw new InvalidOperationException(
            "ConnectionStrings__Redis is not set. Run the tests through ./test.sh, which starts Redis, "
            + "or export ConnectionStrings__Redis=127.0.0.1:6379 for a Redis you started yourself.");

    public string KeyPrefix { get; } = $"test-{Guid.NewGuid():N}:";

    public IConnectionMultiplexer Connection { get; private set; } = null!;   // set in InitializeAsync

    public IDatabase Database => Connection.GetDatabase();

    public async ValueTask InitializeAsync()
    {
        try
        {
            Connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString);
            await Connection.GetDatabase().PingAsync();
        }
        catch (RedisConnectionException ex)
        {
            throw new InvalidOperationException(
                $"Redis at {ConnectionString} does not answer. Start it (./test.sh does) and run again.", ex);
        }
    }

    public async Task<long> CountKeysAsync(string pattern = "*")
    {
        long count = 0;
        foreach (var endpoint in Connection.GetEndPoints())
        {
            await foreach (var _ in Connection.GetServer(endpoint).KeysAsync(pattern: KeyPrefix + pattern))
            {
                count++;
            }
        }

        return count;
    }

    public async ValueTask DisposeAsync()
    {
        if (Connection is null)
        {
            return;
        }

        foreach (var endpoint in Connection.GetEndPoints())
        {
            await foreach (var key in Connection.GetServer(endpoint).KeysAsync(pattern: KeyPrefix + "*"))
            {
                await Connection.GetDatabase().KeyDeleteAsync(key);
            }
        }

        await Connection.DisposeAsync();
    }
}
