using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace MockExams.Tests.Fixtures;

/// <summary>The real api (its Program) in memory, joined to the test cluster through Redis membership.</summary>
/// <param name="configure">More of the test's own (e.g. an in-memory trace exporter); null: none.</param>
public sealed class ApiFactory(IReadOnlyDictionary<string, string?> settings, Action<IWebHostBuilder>? configure = null)
    : WebApplicationFactory<MockExams.Api.ApiAssembly>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
        configure?.Invoke(builder);
    }
}
