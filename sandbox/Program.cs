var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/__sandbox/health", () => "ok");
app.Run();
