using MockExams.Api.Admin;
using MockExams.Api.Auth;
using MockExams.Api.Bench;
using MockExams.Api.Bookings;
using MockExams.Api.Cluster;
using MockExams.Api.Contract;
using MockExams.Api.Cors;
using MockExams.Api.Dashboard;
using MockExams.Api.Events;
using MockExams.Api.Exams;
using MockExams.Api.Input;
using MockExams.Api.OpenApi;
using MockExams.Api.Problems;
using MockExams.Api.RateLimits;
using MockExams.Api.Webhooks;
using MockExams.ServiceDefaults;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
// Telemetry (OTLP when configured, Prometheus at /metrics), Redis, replica, health checks: service-defaults/
builder.AddServiceDefaults("mockexams-api", prometheus: true).AddGrainCallTracing();
builder.AddMockExamsClusterClient();   // Orleans client over Redis membership, its readiness check: api/Cluster/
builder.AddMockExamsAuth();            // Supabase-style JWT bearer + permission policies: api/Auth/
builder.AddMockExamsProblems();        // RFC 9457 problem details for every error: api/Problems/
builder.AddMockExamsInput();           // JSON bodies: duplicate properties refused: api/Input/
builder.AddExamReads();                // 503 + Retry-After, copies of exam responses: api/Exams/
builder.AddReadBenchmark();            // mockexams readbench's baseline, Api__BenchmarkEndpoints=true only: api/Bench/
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
app.MapDefaultEndpoints();             // /health/live, /health/ready, /metrics: service-defaults/
// Every endpoint below: JSON body strings get the same text check (api/Input/BodyTextFilter.cs).
var endpoints = app.MapGroup("").AddEndpointFilterFactory(BodyTextFilter.Create);
endpoints.MapExamEvents();             // /api/mock-exams/events, /api/mock-exams/{id}/events
endpoints.MapMockExams();
endpoints.MapReadBenchmark();          // /__bench/static, only with Api__BenchmarkEndpoints=true: api/Bench/
endpoints.MapMockExamWrites();
endpoints.MapBookings();
endpoints.MapBookingReads();           // GET /api/bookings/{id}: api/Bookings/BookingReadEndpoints.cs
endpoints.MapSyncAdmin();              // /api/admin/sync/...: api/Admin/
endpoints.MapHubSpotWebhooks();        // /webhooks/hubspot
endpoints.MapDashboard();              // /admin (sync dashboard), /api/me, /api/admin/hubspot/budget
endpoints.MapClusterDashboard();       // /admin/orleans: the Orleans dashboard, exams.edit: api/Dashboard/
app.Run();
