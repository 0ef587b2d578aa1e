using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MockExams.Grains.Replica;

/// <summary>
/// Brings the replica schema up to date while the host starts. Hosted services start one after
/// another in registration order, and AddReplica runs before UseOrleans, so the Orleans tables
/// exist before the silo's storage and reminder providers first read them.
/// </summary>
internal sealed class MigrationHostedService(
    IOptions<ReplicaOptions> options, MigrationRunner runner) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.ApplyMigrationsOnStart)
        {
            return;
        }

        await runner.ApplyAsync(Migration.Embedded, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
