var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/health/live", () => "ok");
app.Run();

/// <summary>Entry point, public so tests can host the api with WebApplicationFactory.</summary>
public partial class Program;
