using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MockExams.Grains.Replica;
using MockExams.ServiceDefaults.Connections;
using MockExams.Tests.Fixtures;
using Npgsql;

namespace MockExams.Tests.Grains.Replica;

public sealed class ReplicaRegistrationTests
{
    [Fact]
    public async Task AddReplica_WithoutConnectionString_FailsAtStartNamingTheVariable()
    {
        // An empty builder: test.sh exports ConnectionStrings__Replica, which must not leak in here.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.AddReplica();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("ConnectionStrings__Replica", error.Message);
    }

    [Fact]
    public async Task AddReplica_OnStart_AppliesMigrationsBeforeLaterHostedServicesStart()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await PostgresDatabase.CreateAsync(migrate: false, ct);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration["ConnectionStrings:Replica"] = database.ConnectionString;
        builder.AddReplica();
        var probe = new SchemaProbe();
        builder.Services.AddSingleton(probe);
        builder.Services.AddHostedService<SchemaProbeService>();   // stands in for the Orleans silo
        using var host = builder.Build();

        await host.StartAsync(ct);
        await host.StopAsync(ct);

        Assert.Equal(Migration.Embedded.Count, probe.RecordedAtStart);
        Assert.Same(host.Services.GetRequiredService<NpgsqlDataSource>(), host.Services.GetRequiredService<NpgsqlDataSource>());
    }

    [Fact]
    public void Normalize_WithoutGssSetting_DisablesGssEncryption()
    {
        var normalized = new NpgsqlConnectionStringBuilder(ReplicaConnectionString.Normalize("Host=db;Username=u"));

        Assert.Equal(GssEncryptionMode.Disable, normalized.GssEncryptionMode);
        Assert.Equal("mockexams", normalized.ApplicationName);
        Assert.False(normalized.NoResetOnClose);
        Assert.Equal(ReplicaConnectionString.DefaultMaxPoolSize, normalized.MaxPoolSize);
    }

    [Fact]
    public void Normalize_WithExplicitSettings_KeepsThem()
    {
        var normalized = new NpgsqlConnectionStringBuilder(
            ReplicaConnectionString.Normalize("Host=db;GSS Encryption Mode=Prefer;Application Name=ops;Port=6543;No Reset On Close=false;Maximum Pool Size=7"));

        Assert.Equal(7, normalized.MaxPoolSize);
        Assert.Equal(GssEncryptionMode.Prefer, normalized.GssEncryptionMode);
        Assert.Equal("ops", normalized.ApplicationName);
        Assert.False(normalized.NoResetOnClose);
    }

    [Fact]
    public void Normalize_OnTheTransactionPoolerPort_SkipsTheSessionReset()
    {
        var normalized = new NpgsqlConnectionStringBuilder(
            ReplicaConnectionString.Normalize("Host=aws-0-eu-central-1.pooler.supabase.com;Port=6543"));

        Assert.True(normalized.NoResetOnClose);
    }

    private sealed class SchemaProbe
    {
        public int RecordedAtStart { get; set; }
    }

    private sealed class SchemaProbeService(NpgsqlDataSource dataSource, SchemaProbe probe) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using var command = dataSource.CreateCommand("SELECT count(*) FROM supabase_migrations.schema_migrations");
            probe.RecordedAtStart = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
