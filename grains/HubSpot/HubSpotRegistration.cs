using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using MockExams.ServiceDefaults.Connections;
using Polly;
using StackExchange.Redis;

namespace MockExams.Grains.HubSpot;

public static class HubSpotRegistration
{
    /// <summary>
    /// HubSpot options (section "HubSpot", validated at start), the cluster-wide budget governor
    /// (Redis) and the typed <see cref="HubSpotClient"/> with one standard resilience handler.
    /// Uses the process's one <see cref="IConnectionMultiplexer"/> (service-defaults/Connections/BackingServices.cs).
    /// </summary>
    public static IHostApplicationBuilder AddHubSpot(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<HubSpotOptions>().BindConfiguration(HubSpotOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HubSpotOptions>, HubSpotOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HubSpotOptions>, HubSpotOptionsRules>());

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<HubSpotMetrics>();
        services.AddRedis();
        services.TryAddSingleton<IHubSpotBudget, RedisHubSpotBudget>();

        services.AddHttpClient<HubSpotClient>((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<HubSpotOptions>>().Value;
                http.BaseAddress = new Uri(options.BaseUrl);
                http.DefaultRequestHeaders.Authorization = new("Bearer", options.AccessToken);
                // The resilience handler owns timeouts (per attempt and in total).
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            // The bearer token must never reach a log, whatever the logging level.
            .RedactLoggedHeaders(_ => true)
            .AddStandardResilienceHandler()
            .Configure((resilience, sp) => ConfigureResilience(
                resilience, sp.GetRequiredService<IOptions<HubSpotOptions>>().Value, sp.GetRequiredService<IHubSpotBudget>()));
        return builder;
    }

    private static void ConfigureResilience(HttpStandardResilienceOptions resilience, HubSpotOptions options, IHubSpotBudget budget)
    {
        resilience.AttemptTimeout.Timeout = options.RequestTimeout;
        resilience.TotalRequestTimeout.Timeout = options.TotalRequestTimeout;
        resilience.CircuitBreaker.SamplingDuration = Max(TimeSpan.FromSeconds(30), options.RequestTimeout * 2);
        // HubSpot's own flakiness (a few % of 5xx) must not open the breaker; an outage will.
        resilience.CircuitBreaker.FailureRatio = 0.5;
        resilience.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(
            args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests
            && HttpClientResiliencePredicates.IsTransient(args.Outcome));

        // 429 belongs to the governor, which pauses the shared bucket; retrying here would spend budget
        // twice. Creates are never repeated here: the client settles their unknown outcome by lookup.
        resilience.Retry.ShouldHandle = args => ValueTask.FromResult(
            args.Context.GetRequestMessage()?.Options.TryGetValue(HubSpotRequestOptions.Retryable, out var retryable) == true && retryable
            && args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests
            && (args.Outcome.Result?.StatusCode == HttpStatusCode.Locked || HttpClientResiliencePredicates.IsTransient(args.Outcome)));
        resilience.Retry.UseJitter = true;
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.Delay = TimeSpan.FromMilliseconds(500);
        // Each repeat is one more HubSpot call: it takes budget like the first.
        resilience.Retry.OnRetry = async args =>
        {
            var request = args.Context.GetRequestMessage();
            // A 423 refused the whole request; anything else retried here (timeout, 5xx) may still be carried out.
            if (args.Outcome.Result?.StatusCode != HttpStatusCode.Locked
                && request?.Options.TryGetValue(HubSpotRequestOptions.Attempts, out var attempts) == true)
            {
                attempts.Unanswered();
            }
            var lane = request?.Options.TryGetValue(HubSpotRequestOptions.Lane, out var l) == true ? l : HubSpotLane.Sync;
            var kind = request?.Options.TryGetValue(HubSpotRequestOptions.Kind, out var k) == true ? k : HubSpotCallKind.Standard;
            await budget.AcquireAsync(lane, kind, options.BudgetWaitFor(lane), args.Context.CancellationToken);
        };
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
