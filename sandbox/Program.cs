using MockExams.Sandbox.Hosting;

// `dotnet run --project sandbox -- --urls http://127.0.0.1:5090 [--data sandbox-data.json]`
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ApplicationName = typeof(SandboxHost).Assembly.GetName().Name,
});
builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--data"] = "Sandbox:DataFile" });
// Per-request framework logs would cost more than the calls themselves under a benchmark's load.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);

if (builder.Configuration["urls"] is null)
{
    builder.WebHost.UseUrls("http://127.0.0.1:5090");   // the port the run command and the docs use
}

builder.AddSandbox(SandboxApplication.ReadSettings(builder.Configuration));

var app = builder.Build();
app.UseSandbox();
await app.RunAsync();
