using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using MockExams.Api.Dashboard;

namespace MockExams.Api.Auth;

public static class AuthRegistration
{
    /// <summary>JWT bearer auth as Supabase Auth issues tokens, and one policy per permission.</summary>
    public static IHostApplicationBuilder AddMockExamsAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => !string.IsNullOrEmpty(o.Authority) || Encoding.UTF8.GetByteCount(o.JwtSecret ?? "") >= AuthOptions.MinimumSecretBytes,
                $"Set Auth__Authority (a Supabase Auth URL) or Auth__JwtSecret (at least {AuthOptions.MinimumSecretBytes} bytes).")
            .ValidateOnStart();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, authOptions) =>
            {
                var auth = authOptions.Value;
                // JwtBearer's own pipeline: its token handler validates every request's token, OnTokenValidated adds
                // app_metadata's claims to the request's principal, then claims transformations run. Supabase's claim
                // names (sub, role, app_metadata) are kept, not mapped to the SOAP-era URIs.
                jwt.MapInboundClaims = false;
                jwt.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        ClusterDashboardCookie.OnMessageReceived(context);   // only under /admin/orleans: api/Dashboard/
                        return Task.CompletedTask;
                    },
                    OnTokenValidated = AppMetadataPermissions.OnTokenValidated,
                };
                jwt.Authority = auth.Authority;
                jwt.RequireHttpsMetadata = auth.Authority?.StartsWith("https://", StringComparison.Ordinal) ?? false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.EffectiveIssuer,
                    ValidAudience = auth.Audience,
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    NameClaimType = "sub",
                    RoleClaimType = "role",
                    IssuerSigningKey = string.IsNullOrEmpty(auth.JwtSecret)
                        ? null
                        : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.JwtSecret)),
                    ValidAlgorithms = string.IsNullOrEmpty(auth.JwtSecret)
                        ? [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSha256]
                        : [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSha256],
                };
            });

        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var permission in Permissions.All)
        {
            authorization.AddPolicy(permission, policy => policy.RequireClaim(Permissions.ClaimType, permission));
        }

        // Students (app_metadata.hubspot_contact_id): the endpoints that scope what they answer to the caller's contact.
        authorization.AddPolicy(Students.ViewOrStudent, policy => policy.RequireAssertion(context =>
            context.User.HasClaim(Permissions.ClaimType, Permissions.ExamsView) || context.User.HasClaim(c => c.Type == Students.ContactClaimType)));
        authorization.AddPolicy(Students.BookingsManageOrStudent, policy => policy.RequireAssertion(context =>
            context.User.HasClaim(Permissions.ClaimType, Permissions.BookingsManage) || context.User.HasClaim(c => c.Type == Students.ContactClaimType)));

        return builder;
    }
}
