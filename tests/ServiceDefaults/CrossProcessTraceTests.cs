using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MockExams.Sandbox.Configuration;
using MockExams.Tests.Fixtures;
using OpenTelemetry.Trace;

namespace MockExams.Tests.ServiceDefaults;

/// <summary>
/// With OTLP configured, one booking is one trace: the api's request, the grain call it makes (carried across the
/// gateway to the silo), the replica queries the grain runs (Npgsql) and Redis commands. Spans are read from an
/// in-memory exporter in the api's tracer; silos run in this process, so it sees their spans too.
/// </summary>
public sealed class CrossProcessTraceTests(CrossProcessTraceTests.Fixture fixture) : IClassFixture<CrossProcessTraceTests.Fixture>
{
    /// <summary>Its own cluster: silos that trace (OTLP to a port nothing listens on; the test reads its own exporter).</summary>
    public sealed class Fixture() : ClusterFixture(
        new Dictionary<string, string?>
        {
            ["Sync:Enabled"] = "false",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{FreePort.Next()}",
        },
        new SandboxSettings { LatencyMs = 50 });

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Booking_WithOtlp_OneTraceHoldsTheRequestTheGrainCallOnTheSiloAndItsNpgsqlAndRedisSpans()
    {
        using var scenario = new WriteScenario(fixture);
        var examId = await scenario.CreateExamAsync(capacity: 3);
        var contactId = await scenario.CreateContactAsync();
        var exported = new ExportedSpans();
        var otlp = $"http://127.0.0.1:{FreePort.Next()}";
        await using var api = fixture.StartAnotherApi(new Dictionary<string, string?>(), web =>
        {
            // A host setting, so Program sees it while it wires telemetry (app configuration arrives later).
            web.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", otlp);
            web.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exported)));
        });
        using var client = ClusterFixture.CreateClient(api, "exams.view", "exams.edit", "bookings.manage");
        // The booking's own trace id: other tests' apis in this process also answer POST /api/bookings, and the
        // exporter hears every ASP.NET Core request here.
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings") { Content = JsonContent.Create(WriteScenario.BookingBody(examId, contactId)) };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        using var response = await client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Trace? trace = null;
        await WriteScenario.EventuallyAsync(() => Task.FromResult((trace = Trace.Of(exported.Snapshot(), traceId)).IsWhole),
            "the booking's trace holds its grain call on the silo, a Npgsql span under it and a Redis span", seconds: 30,
            observed: () => trace?.Describe() ?? "no POST request span");
    }

    /// <summary>The spans of the one POST request's trace, and whether they hold what the test promises.</summary>
    private sealed record Trace(IReadOnlyList<Activity> Spans)
    {
        public static Trace Of(IReadOnlyList<Activity> all, ActivityTraceId traceId) => new([.. all.Where(span => span.TraceId == traceId)]);

        private Activity? Request => Spans.FirstOrDefault(IsBookingRequest);

        // The api's request (the sandbox, HubSpot here, is an ASP.NET Core app in this process too, and joins the trace).
        private static bool IsBookingRequest(Activity span) => span.Source.Name == "Microsoft.AspNetCore"
            && span.Kind == ActivityKind.Server && span.DisplayName.StartsWith("POST /api/bookings", StringComparison.Ordinal);

        /// <summary>The grain side of the booking call: a server span on the silo whose parent is the api's client span.</summary>
        private Activity? GrainCall => Spans.FirstOrDefault(span => span.Source.Name == "Microsoft.Orleans.Application"
            && span.Kind == ActivityKind.Server && span.DisplayName.Contains("BookAsync", StringComparison.Ordinal)
            && Spans.Any(caller => caller.SpanId == span.ParentSpanId && caller.Kind == ActivityKind.Client
                && caller.Source.Name == "Microsoft.Orleans.Application" && Descends(caller, Request)));

        public bool IsWhole => Request is not null && GrainCall is { } grain
            && Spans.Any(span => span.Source.Name == "Npgsql" && Descends(span, grain))
            && Spans.Any(span => span.Source.Name == "OpenTelemetry.Instrumentation.StackExchangeRedis");

        public string Describe() => Spans.Count == 0
            ? "no span of the booking's trace"
            : string.Join("; ", Spans.Select(span => $"{span.Source.Name} {span.Kind} {span.DisplayName}"));

        private bool Descends(Activity span, Activity? ancestor)
        {
            for (var current = span; current is not null; current = Spans.FirstOrDefault(parent => parent.SpanId == current.ParentSpanId))
            {
                if (ancestor is not null && current.SpanId == ancestor.SpanId)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
