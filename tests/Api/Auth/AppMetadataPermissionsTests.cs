using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using MockExams.Api.Auth;

namespace MockExams.Tests.Api.Auth;

/// <summary>
/// A Supabase token's <c>app_metadata</c> (which only the service role can write) becomes permission and student claims
/// on the request's own principal, in JwtBearer's <c>OnTokenValidated</c>; <c>user_metadata</c> (which users edit
/// themselves) grants nothing.
/// </summary>
public sealed class AppMetadataPermissionsTests
{
    [Fact]
    public async Task OnTokenValidated_AddsAppMetadatasPermissionsAndContact_ToTheRequestsPrincipal()
    {
        var principal = new ClaimsPrincipal(Identity(
            """{"provider":"email","permissions":["exams.view","bookings.manage"],"hubspot_contact_id":"42"}""",
            user: """{"permissions":["exams.edit"]}"""));
        var scheme = new AuthenticationScheme(JwtBearerDefaults.AuthenticationScheme, null, typeof(JwtBearerHandler));
        var context = new TokenValidatedContext(new DefaultHttpContext(), scheme, new JwtBearerOptions()) { Principal = principal };

        await AppMetadataPermissions.OnTokenValidated(context);

        Assert.Same(principal, context.Principal);
        Assert.Equal(["bookings.manage", "exams.view"], Permissions((ClaimsIdentity)principal.Identity!));
        Assert.Equal("42", Students.ContactOf(principal));
    }

    [Fact]
    public void AddTo_Twice_AddsTheClaimsOnce()
    {
        var identity = Identity("""{"permissions":["exams.view"]}""");

        AppMetadataPermissions.AddTo(identity);
        AppMetadataPermissions.AddTo(identity);

        Assert.Equal(["exams.view"], Permissions(identity));
    }

    [Theory]
    [InlineData("""not json""")]
    [InlineData("""["exams.view"]""")]
    [InlineData("""{"permissions":"exams.view","hubspot_contact_id":" "}""")]
    [InlineData("""{"permissions":[1,null,{"p":"exams.view"}],"hubspot_contact_id":7}""")]
    public void AddTo_MalformedAppMetadata_GrantsNothing(string appMetadata)
    {
        var identity = Identity(appMetadata);

        AppMetadataPermissions.AddTo(identity);

        Assert.Empty(Permissions(identity));
        Assert.Null(identity.FindFirst(Students.ContactClaimType));
    }

    private static ClaimsIdentity Identity(string appMetadata, string? user = null)
    {
        List<Claim> claims = [new("sub", "00000000-0000-4000-8000-000000000001"), new("app_metadata", appMetadata, JsonClaimValueTypes.Json)];
        if (user is not null)
        {
            claims.Add(new Claim("user_metadata", user, JsonClaimValueTypes.Json));
        }

        return new ClaimsIdentity(claims, "Bearer", "sub", "role");
    }

    private static string[] Permissions(ClaimsIdentity identity) =>
        [.. identity.FindAll(MockExams.Api.Auth.Permissions.ClaimType).Select(claim => claim.Value).Order()];
}
