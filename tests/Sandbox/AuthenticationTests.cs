using System.Net;
using static MockExams.Tests.Sandbox.SandboxClient;

namespace MockExams.Tests.Sandbox;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task Call_WithoutToken_Returns401InvalidAuthentication()
    {
        await using var sandbox = await StartAsync();

        var response = await sandbox.SendAsync(HttpMethod.Get, "crm/v3/objects/contacts", null, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("INVALID_AUTHENTICATION", response.Body.GetProperty("category").GetString());
        Assert.Equal(response.Header("X-HubSpot-Correlation-Id"), response.Body.GetProperty("correlationId").GetString());
    }

    [Fact]
    public async Task Call_WithUnknownToken_Returns401()
    {
        await using var sandbox = await StartAsync();

        var response = await sandbox.SendAsync(HttpMethod.Get, "crm/v3/objects/contacts", null, token: "not-a-token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }

    [Fact]
    public async Task Call_WithSecondConfiguredToken_IsAccepted()
    {
        await using var sandbox = await StartAsync(s => s with { AccessTokens = "sandbox-token, other-app" });

        var response = await sandbox.SendAsync(HttpMethod.Get, "crm/v3/objects/contacts", null, token: "other-app");

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task SandboxEndpoints_WithoutToken_AreOpen()
    {
        await using var sandbox = await StartAsync();

        var response = await sandbox.SendAsync(HttpMethod.Get, "__sandbox/stats", null, token: null);

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }
}
