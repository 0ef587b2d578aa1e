using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MockExams.Tests.Fixtures;
using OpenTelemetry.Trace;
using MockExams.ServiceDefaults.Telemetry;
using ApiTracing = MockExams.Api.Cluster.GrainCallTracing;
using SiloTracing = MockExams.Silo.GrainCallTracing;

namespace MockExams.Tests.ServiceDefaults;

/// <summary>
/// What api and silo trace when OTLP is configured: grain calls (with the caller's trace carried across), Npgsql and
/// Redis; and that nothing traces, and no grain call filter is added, when it is not.
/// </summary>
public sealed class TraceRegistrationTests
{
    private const string Otlp = "http://127.0.0.1:4317";

    /// <summary>The sources behind each promised span: Orleans grain calls, Npgsql, StackExchange.Redis instrumentation.</summary>
    private static readonly string[] Sources = ["Microsoft.Orleans.Application", "Npgsql", "OpenTelemetry.Instrumentation.StackExchangeRedis"];

    public static TheoryData<string> Processes => ["api", "silo"];

    [Theory]
    [MemberData(nameof(Processes))]
    public void WithOtlp_TracesGrainCallsNpgsqlAndRedis_AndPropagatesTheTraceThroughGrainCalls(string process)
    {
        var builder = Builder(process, new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Otlp });
        var exported = new ExportedSpans();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exported));
        using var services = builder.Services.BuildServiceProvider();

        var tracer = services.GetService<TracerProvider>();
        var probes = Sources.ToDictionary(source => source, source => $"probe-{Guid.NewGuid():N}");
        foreach (var (source, probe) in probes)
        {
            using var activitySource = new ActivitySource(source);
            activitySource.StartActivity(probe)?.Stop();
        }

        Assert.NotNull(tracer);
        var spans = exported.Snapshot();
        Assert.All(probes, probe => Assert.Contains(spans, span => span.Source.Name == probe.Key && span.OperationName == probe.Value));

        Assert.Equal(["ActivityPropagationIncomingGrainCallFilter", "ActivityPropagationOutgoingGrainCallFilter"], PropagationFilters(builder.Services));
    }

    [Theory]
    [MemberData(nameof(Processes))]
    public void WithoutOtlp_NothingIsTraced_AndGrainCallsCarryNoTrace(string process)
    {
        var builder = Builder(process, []);
        using var services = builder.Services.BuildServiceProvider();

        Assert.Null(services.GetService<TracerProvider>());
        Assert.Empty(PropagationFilters(builder.Services));
    }

    private static HostApplicationBuilder Builder(string process, Dictionary<string, string?> settings)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddDefaultTelemetry($"mockexams-{process}", prometheus: process == "api");
        if (process == "api")
        {
            ApiTracing.AddGrainCallTracing(builder);
        }
        else
        {
            SiloTracing.AddGrainCallTracing(builder);
        }

        return builder;
    }

    private static List<string> PropagationFilters(IServiceCollection services) =>
        [.. services.Select(service => service.ImplementationType?.Name)
            .OfType<string>()
            .Where(name => name.StartsWith("ActivityPropagation", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal)];
}
