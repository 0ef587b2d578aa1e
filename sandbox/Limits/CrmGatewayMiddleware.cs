using System.Globalization;
using MockExams.Sandbox.Configuration;
using MockExams.Sandbox.Crm;
using MockExams.Sandbox.Http;
using MockExams.Sandbox.Observability;

namespace MockExams.Sandbox.Limits;

/// <summary>
/// What stands between a client and HubSpot's CRM: network latency, the bearer token, the budgets
/// and their headers, and the failures of a busy service (5xx, calls that never answer, writes that land after their 504).
/// Runs for /crm/ paths only; /__sandbox/ needs no token and uses no budget.
/// </summary>
public sealed class CrmGatewayMiddleware(
    RequestDelegate next, SandboxConfig config, HubSpotRateLimiter limiter, SandboxStats stats, IServiceScopeFactory scopes,
    ObjectTypeCatalog types)
{
    private static readonly int[] InjectedStatuses = [500, 502, 503, 504];

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/crm"))
        {
            await next(context);
            return;
        }

        var settings = config.Current;
        var endpoint = EndpointName(context);
        var objectType = FaultScope.ObjectTypeName(context, types);
        var faults = FaultScope.Decide(context, settings, types);
        try
        {
            await DelayAsync(settings, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;   // the client left during the simulated network delay
        }

        if (Token(context) is not { } token || !settings.Tokens().Contains(token))
        {
            stats.RecordCall(endpoint, "401", objectType);
            await new ErrorResult(Unauthenticated(context)).ExecuteAsync(context);
            return;
        }

        var kind = Classify(context.Request);
        if (faults && kind != RequestKind.Search && settings.RateLimitRate > 0 && Random.Shared.NextDouble() < settings.RateLimitRate)
        {
            // Another app of the account spent the ten-second budget: refused before this call took any of it.
            var spent = new RateLimitDecision(RateLimitPolicy.TenSecondlyRolling, settings.CallsPerTenSeconds, 0,
                settings.DailyLimit, settings.DailyLimit, TimeSpan.FromSeconds(1));
            WriteBudgetHeaders(context.Response.Headers, spent);
            stats.RecordInjectedError();
            stats.RecordCall(endpoint, "429", objectType);
            stats.RecordRateLimited(spent.RefusedBy!);
            await RefuseAsync(context, spent, settings);
            return;
        }

        var decision = limiter.Acquire(token, kind);
        if (kind != RequestKind.Search)
        {
            // HubSpot leaves these headers off search responses.
            WriteBudgetHeaders(context.Response.Headers, decision);
        }

        if (!decision.Allowed)
        {
            stats.RecordCall(endpoint, "429", objectType);
            stats.RecordRateLimited(decision.RefusedBy!);
            await RefuseAsync(context, decision, settings);
            return;
        }

        if (kind == RequestKind.Search)
        {
            stats.RecordSearch();
        }

        if (faults && settings.ErrorRate > 0 && Random.Shared.NextDouble() < settings.ErrorRate)
        {
            var status = InjectedStatuses[Random.Shared.Next(InjectedStatuses.Length)];
            stats.RecordInjectedError();
            stats.RecordCall(endpoint, status.ToString(CultureInfo.InvariantCulture), objectType);
            await new ErrorResult(new CrmError(status, "INTERNAL_ERROR", "internal error")).ExecuteAsync(context);
            return;
        }

        if (faults && settings.TimeoutRate > 0 && Random.Shared.NextDouble() < settings.TimeoutRate)
        {
            stats.RecordInjectedTimeout();
            stats.RecordCall(endpoint, "timeout", objectType);
            await CarryOutAndNeverAnswerAsync(context, settings);
            return;
        }

        if (faults && settings.LateWriteRate > 0 && Random.Shared.NextDouble() < settings.LateWriteRate)
        {
            stats.RecordInjectedError();
            stats.RecordCall(endpoint, "504 (late write)", objectType);
            await AnswerNowCarryOutLaterAsync(context, settings.LateWriteDelayMs);
            return;
        }

        await next(context);
        stats.RecordCall(endpoint, context.Response.StatusCode.ToString(CultureInfo.InvariantCulture), objectType);
    }

    /// <summary>
    /// HubSpot's processing timeout whose write lands anyway: 504 now, and the same request carried out later on a copy
    /// of it (the original's context is gone by then), its answer thrown away.
    /// </summary>
    private async Task AnswerNowCarryOutLaterAsync(HttpContext context, int delayMs)
    {
        var copy = new DefaultHttpContext();
        copy.Request.Method = context.Request.Method;
        copy.Request.Path = context.Request.Path;
        copy.Request.QueryString = context.Request.QueryString;
        foreach (var (name, value) in context.Request.Headers)
        {
            copy.Request.Headers[name] = value;
        }

        var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        body.Position = 0;
        copy.Request.Body = body;
        copy.Request.RouteValues = new RouteValueDictionary(context.Request.RouteValues);
        copy.SetEndpoint(context.GetEndpoint());
        stats.RecordLateWritePending(1);
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(delayMs);
                await using var scope = scopes.CreateAsyncScope();
                copy.RequestServices = scope.ServiceProvider;
                await next(copy);
            }
            finally
            {
                stats.RecordLateWritePending(-1);
            }
        });

        await new ErrorResult(new CrmError(StatusCodes.Status504GatewayTimeout, "INTERNAL_ERROR", "gateway timeout")).ExecuteAsync(context);
    }

    private static string EndpointName(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint route
            ? $"{context.Request.Method} {route.RoutePattern.RawText}"
            : $"{context.Request.Method} (unmatched)";

    private static string? Token(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    private static CrmError Unauthenticated(HttpContext context) =>
        new(StatusCodes.Status401Unauthorized, "INVALID_AUTHENTICATION",
            context.Request.Headers.Authorization.Count == 0
                ? "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview"
                : "The access token provided is invalid or has expired.");

    /// <summary>Search is exempt from the ten-second budget; v4 association batches are too (per HubSpot's spec), when so configured.</summary>
    private RequestKind Classify(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        if (HttpMethods.IsPost(request.Method) && path.EndsWith("/search", StringComparison.Ordinal))
        {
            return RequestKind.Search;
        }

        var associationBatch = path.Contains("/batch/", StringComparison.Ordinal)
            && (path.StartsWith("/crm/v4/associations/", StringComparison.Ordinal)
                || path.StartsWith("/crm/associations/", StringComparison.Ordinal));
        return associationBatch && config.Current.AssociationBatchExemptFromTenSecondly
            ? RequestKind.TenSecondlyExempt
            : RequestKind.Standard;
    }

    private static void WriteBudgetHeaders(IHeaderDictionary headers, RateLimitDecision decision)
    {
        headers["X-HubSpot-RateLimit-Daily"] = decision.DailyMax.ToString(CultureInfo.InvariantCulture);
        headers["X-HubSpot-RateLimit-Daily-Remaining"] = decision.DailyRemaining.ToString(CultureInfo.InvariantCulture);
        headers["X-HubSpot-RateLimit-Interval-Milliseconds"] = "10000";
        headers["X-HubSpot-RateLimit-Max"] = decision.WindowMax.ToString(CultureInfo.InvariantCulture);
        headers["X-HubSpot-RateLimit-Remaining"] = decision.WindowRemaining.ToString(CultureInfo.InvariantCulture);
    }

    private static Task RefuseAsync(HttpContext context, RateLimitDecision decision, SandboxSettings settings)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (settings.RetryAfter)
        {
            var seconds = (int)Math.Ceiling(decision.RetryAfter.TotalSeconds);
            context.Response.Headers.RetryAfter = Math.Max(1, seconds).ToString(CultureInfo.InvariantCulture);
        }

        var policy = decision.RefusedBy!;
        var body = new RateLimitBody("error", RateLimitPolicy.MessageFor(policy), "RATE_LIMIT",
            CorrelationId.Of(context), policy, Guid.NewGuid().ToString());
        return context.Response.WriteAsJsonAsync(body, SandboxJson.Options);
    }

    private static async Task DelayAsync(SandboxSettings settings, CancellationToken cancellationToken)
    {
        if (settings.LatencyMs <= 0)
        {
            return;
        }

        var jitter = settings.LatencyJitter * ((Random.Shared.NextDouble() * 2) - 1);
        var delay = Math.Max(0, settings.LatencyMs * (1 + jitter));
        await Task.Delay(TimeSpan.FromMilliseconds(delay), cancellationToken);
    }

    /// <summary>
    /// The nastiest timeout: HubSpot did the write, but the answer is lost. The response is produced
    /// into a buffer that is thrown away, and the connection is dropped after the hang.
    /// </summary>
    private async Task CarryOutAndNeverAnswerAsync(HttpContext context, SandboxSettings settings)
    {
        var original = context.Response.Body;
        using var discarded = new MemoryStream();
        context.Response.Body = discarded;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        try
        {
            await Task.Delay(settings.TimeoutHangMs, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up first, as clients with a timeout do.
        }

        context.Abort();
    }
}
