using MockExams.Api.Admin;
using MockExams.Api.Auth;
using MockExams.Api.Bookings;
using MockExams.Api.Cluster;
using MockExams.Api.Contract;
using MockExams.Api.Cors;
using MockExams.Api.Dashboard;
using MockExams.Api.Events;
using MockExams.Api.Exams;
using MockExams.Api.Health;
using MockExams.Api.Input;
using MockExams.Api.OpenApi;
using MockExams.Api.Problems;
using MockExams.Api.RateLimits;
using MockExams.Api.Telemetry;
using MockExams.Api.Webhooks;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddMockExamsTelemetry();       // OpenTelemetry: OTLP when configured, Prometheus at /metrics
builder.AddBackingServices();          // NpgsqlDataSource + Redis multiplexer: api/Health/BackingServicesRegistration.cs
builder.AddMockExamsClusterClient();   // Orleans client over Redis membership: api/Cluster/
builder.AddMockExamsAuth();            // Supabase-style JWT bearer + permission policies: api/Auth/
builder.AddMockExamsHealth();          // /health/live, /health/ready
builder.AddMockExamsProblems();        // RFC 9457 problem details for every error: api/Problems/
builder.AddMockExamsInput();           // JSON bodies: duplicate properties refused: api/Input/
builder.AddExamReads();                // 503 + Retry-After, copies of exam responses, benchmark mode: api/Exams/
builder.AddExamEvents();               // realtime seats over SSE, fed by Redis pub/sub: api/Events/
builder.AddHubSpotWebhooks();          // v3 signature settings for POST /webhooks/hubspot: api/Webhooks/
builder.Services.AddSingleton<DashboardAssets>();   // the /admin page, embedded: api/Dashboard/
builder.Services.AddSingleton<ExamFreshnessReader>();   // exams' synced_at for the dashboard: api/Admin/
builder.Services.AddSingleton<BookingLocator>();   // which exam a booking belongs to, for cancels
builder.Services.AddSingleton<IdempotencyClaims>(); // Idempotency-Keys per caller and operation, claimed before a write
builder.AddApiContract();              // snake_case JSON everywhere: api/Contract/
builder.AddBrowserCors();              // Api__CorsOrigins: api/Cors/
builder.AddWriteRateLimit();           // per-caller write limit shared through Redis: api/RateLimits/
builder.AddMockExamsOpenApi();         // /openapi/v1.json: api/OpenApi/
builder.UseBuildTimeDocumentMode();    // only while the build writes api/openapi/: api/OpenApi/BuildTimeDocument.cs

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();
app.UseMiddleware<TextInputMiddleware>();   // control characters / non-UTF-8 in query, route, headers: 400: api/Input/
app.UseRateLimiter();

app.MapOpenApi();                      // /openapi/v1.json
app.MapScalarApiReference("/docs");    // interactive docs
app.MapMockExamsHealth();
app.MapPrometheusScrapingEndpoint(); // /metrics
// Every endpoint below: JSON body strings get the same text check (api/Input/BodyTextFilter.cs).
var endpoints = app.MapGroup("").AddEndpointFilterFactory(BodyTextFilter.Create);
endpoints.MapExamEvents();             // /api/mock-exams/events, /api/mock-exams/{id}/events
endpoints.MapMockExams();
endpoints.MapReadBenchmark();          // /__bench/static, only with Api__BenchmarkEndpoints=true (mockexams readbench)
endpoints.MapMockExamWrites();
endpoints.MapBookings();
endpoints.MapBookingReads();           // GET /api/bookings/{id}: api/Bookings/BookingReadEndpoints.cs
endpoints.MapSyncAdmin();              // /api/admin/sync/...: api/Admin/
endpoints.MapHubSpotWebhooks();        // /webhooks/hubspot
endpoints.MapDashboard();              // /admin (sync dashboard), /api/me, /api/admin/hubspot/budget
endpoints.MapClusterDashboard();       // /admin/orleans: the Orleans dashboard, exams.edit: api/Dashboard/
app.Run();
