using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace MockExams.ServiceDefaults.Health;

public sealed class ReplicaHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (NpgsqlException ex)
        {
            return HealthCheckResult.Unhealthy("The replica Postgres does not answer.", ex);
        }
    }
}
