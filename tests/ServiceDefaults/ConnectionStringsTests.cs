using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MockExams.ServiceDefaults;
using MockExams.ServiceDefaults.Connections;
using Npgsql;
using StackExchange.Redis;

namespace MockExams.Tests.ServiceDefaults;

/// <summary>
/// One connection-string look-up (service-defaults/Connections/): a missing one stops the host at start with one message
/// naming the variable, and every registration of a backing service gives the process one instance of it.
/// </summary>
public sealed class ConnectionStringsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Required_MissingOrBlank_NamesTheVariableAndWhatItHolds(string? value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = value }).Build();

        var error = Assert.Throws<OptionsValidationException>(() => configuration.RequiredConnectionString(ConnectionStrings.Redis));

        Assert.StartsWith("ConnectionStrings__Redis is not set: ", error.Message);
        Assert.Contains("./run.sh and ./test.sh set it", error.Message);
    }

    [Fact]
    public async Task ServiceDefaults_WithoutConnectionStrings_FailAtStartNamingBoth()
    {
        // An empty builder: test.sh exports the connection strings, which must not leak in here.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.AddServiceDefaults("mockexams-test");
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<AggregateException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Equal(["ConnectionStrings__Redis", "ConnectionStrings__Replica"],
            error.InnerExceptions.Select(inner => Assert.IsType<OptionsValidationException>(inner).Message.Split(' ')[0]).Order());
    }

    [Fact]
    public void RegisteredByTheHostAndByFeatures_OneMultiplexerAndOneDataSource()
    {
        var services = new ServiceCollection();

        services.AddRedis().AddRedis().AddReplicaDataSource().AddReplicaDataSource();

        Assert.Single(services, service => service.ServiceType == typeof(IConnectionMultiplexer));
        Assert.Single(services, service => service.ServiceType == typeof(NpgsqlDataSource));
    }
}
