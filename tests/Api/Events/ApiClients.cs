using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using MockExams.Cli.Tokens;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Api.Events;

/// <summary>Clients of an api derived from the fixture's (<c>WithWebHostBuilder</c>), with a token of the fixture's secret.</summary>
public static class ApiClients
{
    public static HttpClient Create(WebApplicationFactory<MockExams.Api.ApiAssembly> api, params string[] permissions)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(permissions));
        return client;
    }

    public static string Token(params string[] permissions) =>
        DevTokens.Create(ClusterFixture.JwtSecret, DevTokens.DefaultIssuer, "authenticated", permissions, TimeSpan.FromHours(1));
}
