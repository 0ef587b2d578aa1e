using System.Reflection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MockExams.Api.OpenApi;

/// <summary>
/// The build writes the OpenAPI document by running this app's Program under <c>GetDocument.Insider</c>
/// (Microsoft.Extensions.ApiDescription.Server), which builds and starts the host with no server. That run gets
/// placeholders for the required settings and no hosted service (the Orleans client would try to join a cluster),
/// so nothing connects anywhere; every service stays registered, so endpoints are described exactly as served.
/// </summary>
public static class BuildTimeDocument
{
    public static bool IsGenerating => Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";

    /// <summary>Call last before <c>Build()</c>; does nothing outside the document's build-time run.</summary>
    public static IHostApplicationBuilder UseBuildTimeDocumentMode(this IHostApplicationBuilder builder)
    {
        if (IsGenerating)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Redis"] = "127.0.0.1:1,abortConnect=false",
                ["ConnectionStrings:Replica"] = "Host=127.0.0.1;Port=1",
                ["Auth:JwtSecret"] = "placeholder-secret-for-the-build-time-openapi-document",
            });
            builder.Services.RemoveAll<IHostedService>();
        }

        return builder;
    }
}
