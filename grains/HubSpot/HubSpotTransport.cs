using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using MockExams.Grains.HubSpot.Wire;
using Polly.CircuitBreaker;
using Polly.Timeout;
using StackExchange.Redis;

namespace MockExams.Grains.HubSpot;

/// <summary>
/// Sends one <see cref="HubSpotCall"/>: asks the budget first, sends through the resilience
/// pipeline, pauses the shared budget on a 429 and sends again while the caller's deadline allows,
/// and turns failures into <see cref="HubSpotException"/>s.
/// </summary>
internal sealed partial class HubSpotTransport(
    HttpClient http, IHubSpotBudget budget, HubSpotOptions options, HubSpotMetrics metrics, TimeProvider time, ILogger logger)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>Takes budget for one standard call of the lane now, waiting as long as the lane may.</summary>
    public async Task<HubSpotBudgetReservation> ReserveAsync(HubSpotLane lane, CancellationToken cancellationToken)
    {
        await budget.AcquireAsync(lane, HubSpotCallKind.Standard, options.BudgetWaitFor(lane), cancellationToken);
        return new HubSpotBudgetReservation(lane, time.GetTimestamp());
    }

    /// <summary>Sends and reads the answer; a 404 is null when <paramref name="notFoundIsNull"/>, else an exception.</summary>
    public async Task<T?> SendAsync<T>(HubSpotCall call, JsonTypeInfo<T> answer, CancellationToken cancellationToken, bool notFoundIsNull = false)
        where T : class
    {
        call = WithAttempts(call);
        using var response = await SendRawAsync(call, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound && notFoundIsNull)
        {
            return null;
        }
        await ThrowIfFailedAsync(response, call, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return null;
        }
        try
        {
            return await response.Content.ReadFromJsonAsync(answer, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new HubSpotUnexpectedResponseException(
                $"HubSpot's answer to {call.Method} {call.Path} is not the expected JSON.", (int)response.StatusCode, null, CorrelationId(response), ex);
        }
    }

    /// <summary>Sends a call whose success has no body we need (archive).</summary>
    public async Task SendAsync(HubSpotCall call, CancellationToken cancellationToken, bool notFoundIsSuccess = false)
    {
        call = WithAttempts(call);
        using var response = await SendRawAsync(call, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound && notFoundIsSuccess)
        {
            return;
        }
        await ThrowIfFailedAsync(response, call, cancellationToken);
    }

    private static HubSpotCall WithAttempts(HubSpotCall call) => call.Attempts is null ? call with { Attempts = new HubSpotAttempts() } : call;

    private async Task<HttpResponseMessage> SendRawAsync(HubSpotCall call, CancellationToken cancellationToken)
    {
        try
        {
            return await SendUntilNotRateLimitedAsync(call, cancellationToken);
        }
        catch (HubSpotOverBudgetException ex) when (AnsweredTooLate(call))
        {
            throw Unknown(call, ex);
        }
    }

    private async Task<HttpResponseMessage> SendUntilNotRateLimitedAsync(HubSpotCall call, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.BudgetWaitFor(call.Lane);
        while (true)
        {
            if (call.Reservation?.TrySpend(time) != true)
            {
                await budget.AcquireAsync(call.Lane, call.Kind, Remaining(deadline), cancellationToken);
            }

            var response = await SendOnceAsync(call, cancellationToken);
            metrics.Response((int)response.StatusCode);
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                try
                {
                    await ReportWindowAsync(response, cancellationToken);
                }
                catch
                {
                    response.Dispose();
                    throw;
                }
                return response;
            }
            using (response)
            {
                var body = await ReadErrorAsync(response, cancellationToken);
                var policy = body?.PolicyName ?? "UNKNOWN";
                metrics.RateLimited(policy);
                var paused = await budget.PauseAsync(call.Kind, policy, response.Headers.RetryAfter?.Delta, cancellationToken);
                LogRateLimited(logger, call.Method, call.Path, policy, paused);
                // The request was refused, not applied, so sending it again is safe; only the deadline limits it.
                if (paused > Remaining(deadline))
                {
                    throw new HubSpotRateLimitedException(policy, call.Lane, paused, body?.CorrelationId ?? CorrelationId(response));
                }
            }
        }
    }

    // Advisory: the call itself has been answered, so a failure here must not turn it into an error.
    private async Task ReportWindowAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (WindowRemaining(response) is not var (remaining, max))
        {
            return;
        }
        try
        {
            await budget.ReportWindowRemainingAsync(remaining, max, cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            LogReportFailed(logger, ex);
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HubSpotCall call, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(call.Method, call.Path);
        if (call.Body is not null)
        {
            request.Content = new ByteArrayContent(call.Body) { Headers = { ContentType = Json } };
        }
        request.Options.Set(HubSpotRequestOptions.Lane, call.Lane);
        request.Options.Set(HubSpotRequestOptions.Kind, call.Kind);
        request.Options.Set(HubSpotRequestOptions.Retryable, call.Retryable);
        request.Options.Set(HubSpotRequestOptions.Attempts, call.Attempts!);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(logger, call.Method, call.Path, ex.GetType().Name);
            throw new HubSpotTransientException(
                $"HubSpot did not answer {call.Method} {call.Path} ({ex.GetType().Name}: {ex.Message}).", null, null, ex);
        }
    }

    private async Task ThrowIfFailedAsync(HttpResponseMessage response, HubSpotCall call, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var body = await ReadErrorAsync(response, cancellationToken);
        var exception = HubSpotErrors.ToException((int)response.StatusCode, body, call);
        LogFailed(logger, call.Method, call.Path, (int)response.StatusCode, body?.Category, exception.CorrelationId);
        throw exception is not HubSpotTransientException && AnsweredTooLate(call) ? Unknown(call, exception) : exception;
    }

    // A write whose earlier attempt went unanswered may still be carried out, whatever a later attempt was told.
    private static bool AnsweredTooLate(HubSpotCall call) => call.Writes && call.Attempts?.EarlierAttemptUnanswered == true;

    private static HubSpotTransientException Unknown(HubSpotCall call, HubSpotException refusal) => new(
        $"{call.Method} {call.Path} was refused ({refusal.Message}) after an earlier attempt got no answer and may still be carried out; its outcome is unknown.",
        refusal.StatusCode, refusal.CorrelationId, refusal);

    private static async Task<HubSpotErrorBody?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync(HubSpotJsonContext.Default.HubSpotErrorBody, cancellationToken);
            return body is null ? null : body with { CorrelationId = body.CorrelationId ?? CorrelationId(response) };
        }
        catch (JsonException)
        {
            // Edge proxies answer 5xx with HTML; the status alone then says what happened.
            return new HubSpotErrorBody(CorrelationId: CorrelationId(response));
        }
    }

    // HubSpot sends these on every call but search.
    private static (int Remaining, int Max)? WindowRemaining(HttpResponseMessage response) =>
        IntHeader(response, "X-HubSpot-RateLimit-Remaining") is { } remaining && IntHeader(response, "X-HubSpot-RateLimit-Max") is { } max
            ? (remaining, max)
            : null;

    private static int? IntHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static string? CorrelationId(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-HubSpot-Correlation-Id", out var values) ? values.FirstOrDefault() : null;

    private TimeSpan Remaining(DateTimeOffset deadline)
    {
        var left = deadline - time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
