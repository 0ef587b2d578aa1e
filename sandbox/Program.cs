using MockExams.Sandbox.Hosting;

// `dotnet run --project sandbox -- --urls http://127.0.0.1:5090 [--data sandbox-data.json]`
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ApplicationName = typeof(SandboxHost).Assembly.GetName().Name,
});
builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--data"] = "Sandbox:DataFile" });
builder.AddSandbox(SandboxApplication.ReadSettings(builder.Configuration));

var app = builder.Build();
app.UseSandbox();
await app.RunAsync();
