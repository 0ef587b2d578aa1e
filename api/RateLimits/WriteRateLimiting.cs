using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using MockExams.Api.Auth;
using RedisRateLimiting;
using StackExchange.Redis;

namespace MockExams.Api.RateLimits;

/// <summary>
/// The per-caller write limit (<see cref="WriteRateLimitOptions"/>): a fixed window per token <c>sub</c>, counted in
/// Redis by RedisRateLimiting so it holds across api instances. Runs after authorization, so only callers allowed to
/// write are counted. Over the limit: 429 problem details with Retry-After (the seconds left in the window).
/// </summary>
public static class WriteRateLimiting
{
    public static IHostApplicationBuilder AddWriteRateLimit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WriteRateLimitOptions>()
            .BindConfiguration(WriteRateLimitOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<WriteRateLimitOptions>, IConnectionMultiplexer, IConfiguration, ILoggerFactory>(
                (limiter, options, redis, configuration, loggers) =>
                {
                    var limits = options.Value;
                    // Every Redis key of a deployment (and of a test fixture) carries its prefix: Cache__KeyPrefix.
                    var prefix = configuration["Cache:KeyPrefix"] ?? "";
                    var logger = loggers.CreateLogger(typeof(WriteRateLimiting).FullName!);
                    limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                    limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                        Partition(http, limits, prefix, redis, logger));
                    limiter.OnRejected = (context, _) => RejectAsync(context, limits);
                });
        return builder;
    }

    private static RateLimitPartition<string> Partition(
        HttpContext http, WriteRateLimitOptions limits, string prefix, IConnectionMultiplexer redis, ILogger logger)
    {
        if (!IsWrite(http.Request))
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var staff = Students.IsStaff(http.User);
        var permits = staff ? limits.StaffPermits : limits.StudentPermits;
        if (permits == 0)
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var caller = http.User.FindFirst("sub")?.Value is { } sub ? $"sub:{sub}" : $"ip:{http.Connection.RemoteIpAddress}";
        var key = $"{prefix}ratelimit:writes:{(staff ? "staff" : "student")}:{caller}";
        return RateLimitPartition.Get(key, k => new FailOpenRateLimiter(
            new RedisFixedWindowRateLimiter<string>(k, new RedisFixedWindowRateLimiterOptions
            {
                ConnectionMultiplexerFactory = () => redis,
                PermitLimit = permits,
                Window = TimeSpan.FromSeconds(limits.WindowSeconds),
            }),
            logger));
    }

    private static bool IsWrite(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        && request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static async ValueTask RejectAsync(OnRejectedContext context, WriteRateLimitOptions limits)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var left) && left > TimeSpan.Zero
            ? left
            : TimeSpan.FromSeconds(limits.WindowSeconds);
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many writes",
                Detail = $"This caller sent more writes than this api accepts in {limits.WindowSeconds} s; retry after {seconds} s.",
                Extensions = { ["reason"] = "rate_limited" },
            },
        });
    }
}
