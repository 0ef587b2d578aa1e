using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MockExams.ServiceDefaults.Telemetry;
using OpenTelemetry.Metrics;

namespace MockExams.Tests.ServiceDefaults;

/// <summary>
/// The shared telemetry defaults (service-defaults/Telemetry/): hosting's per-request logger is off unless traces are
/// exported (while it is on at any level, ASP.NET Core starts an Activity for every request), any configured level
/// still wins, and a process nobody reads metrics from (the silo without OTLP) records none.
/// </summary>
public sealed class TelemetryRegistrationTests
{
    private const string HostingLevel = "Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics";

    [Fact]
    public void WithoutOtlp_HostingDiagnosticsLoggerIsOff_AndAspNetCoreLogsFromWarning()
    {
        var builder = Builder([]);

        builder.AddDefaultTelemetry("mockexams-api", prometheus: true);

        Assert.Equal("None", builder.Configuration[HostingLevel]);
        Assert.Equal("Warning", builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"]);
    }

    [Fact]
    public void WithOtlp_HostingDiagnosticsLoggerKeepsTheAspNetCoreLevel()
    {
        var builder = Builder(new() { [TelemetryRegistration.OtlpEndpointVariable] = "http://127.0.0.1:4317" });

        builder.AddDefaultTelemetry("mockexams-api", prometheus: true);

        Assert.Null(builder.Configuration[HostingLevel]);
        Assert.Equal("Warning", builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"]);
    }

    [Fact]
    public void ConfiguredLevel_OverridesTheDefault()
    {
        var builder = Builder(new() { [HostingLevel] = "Information" });

        builder.AddDefaultTelemetry("mockexams-api", prometheus: true);

        Assert.Equal("Information", builder.Configuration[HostingLevel]);
    }

    [Fact]
    public void Silo_PerCallLogsFromWarning_AndWithoutOtlpNoMetricsAreRecorded()
    {
        var builder = Builder([]);

        builder.AddDefaultTelemetry("mockexams-silo", prometheus: false);

        Assert.Equal("Warning", builder.Configuration["Logging:LogLevel:System.Net.Http.HttpClient"]);
        Assert.Equal("Warning", builder.Configuration["Logging:LogLevel:Polly"]);
        Assert.Equal("Warning", builder.Configuration["Logging:LogLevel:Npgsql"]);
        using var services = builder.Services.BuildServiceProvider();
        Assert.Null(services.GetService<MeterProvider>());
    }

    [Fact]
    public void Api_MetricsAreKeptForTheScraperWithoutOtlp()
    {
        var builder = Builder([]);

        builder.AddDefaultTelemetry("mockexams-api", prometheus: true);

        using var services = builder.Services.BuildServiceProvider();
        Assert.NotNull(services.GetService<MeterProvider>());
    }

    private static HostApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }
}
