using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using MockExams.Api.Telemetry;

namespace MockExams.Tests.Api.Telemetry;

/// <summary>
/// The api's default log levels: hosting's per-request logger is off unless traces are exported (while it is on at
/// any level, ASP.NET Core starts an Activity for every request), and any configured level still wins.
/// </summary>
public sealed class TelemetryRegistrationTests
{
    private const string HostingLevel = "Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics";

    [Fact]
    public void WithoutOtlp_HostingDiagnosticsLoggerIsOff_AndAspNetCoreLogsFromWarning()
    {
        var builder = Builder([]);

        builder.AddMockExamsTelemetry();

        Assert.Equal("None", builder.Configuration[HostingLevel]);
        Assert.Equal("Warning", builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"]);
    }

    [Fact]
    public void WithOtlp_HostingDiagnosticsLoggerKeepsTheAspNetCoreLevel()
    {
        var builder = Builder(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317" });

        builder.AddMockExamsTelemetry();

        Assert.Null(builder.Configuration[HostingLevel]);
        Assert.Equal("Warning", builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"]);
    }

    [Fact]
    public void ConfiguredLevel_OverridesTheDefault()
    {
        var builder = Builder(new() { [HostingLevel] = "Information" });

        builder.AddMockExamsTelemetry();

        Assert.Equal("Information", builder.Configuration[HostingLevel]);
    }

    private static HostApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }
}
