using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace MockExams.Api.Cors;

public static class CorsRegistration
{
    /// <summary>
    /// CORS for a browser front end on other origins (<see cref="BrowserOptions"/>): bearer tokens in the
    /// Authorization header (no cookies, so no credentials mode), the headers the api reads, and the ones a front end
    /// needs to see (Location of a new booking, ETag for conditional reads, Retry-After on 429 and 503).
    /// </summary>
    public static IHostApplicationBuilder AddBrowserCors(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BrowserOptions>().BindConfiguration(BrowserOptions.SectionName)
            .Validate(o => o.Origins.All(origin => Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                    && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/"),
                "Api__CorsOrigins: each origin is scheme://host[:port], separated by commas.")
            .ValidateOnStart();
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<IOptions<BrowserOptions>>((cors, browser) =>
            cors.AddDefaultPolicy(policy => policy
                .WithOrigins(browser.Value.Origins)
                .WithMethods("GET", "POST", "PATCH", "DELETE")
                .WithHeaders("Authorization", "Content-Type", "Idempotency-Key", "If-None-Match")
                .WithExposedHeaders("Location", "ETag", "Retry-After")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return builder;
    }
}
