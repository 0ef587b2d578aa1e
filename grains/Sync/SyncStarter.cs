using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MockExams.Sync;

namespace MockExams.Grains.Sync;

/// <summary>
/// Wakes the sync grain when a silo becomes active, so reminders get registered and an empty replica starts filling
/// without waiting for anyone. Runs in the background: a silo's start never waits for (or fails with) the sync grain.
/// </summary>
public sealed partial class SyncStarter(IGrainFactory grains, IOptions<SyncOptions> options, ILogger<SyncStarter> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _starting = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SyncStarter), ServiceLifecycleStage.Active, OnActiveAsync, OnStopAsync);

    private Task OnActiveAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            _starting = StartWithRetriesAsync(_stopping.Token);
        }
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _starting;
    }

    private async Task StartWithRetriesAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await grains.GetGrain<ISyncGrain>(ISyncGrain.SingletonKey).StartAsync(cancellationToken);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The cluster may still be forming, or Postgres briefly away: try again, a little later each time.
                LogStartFailed(logger, delay, ex);
            }
            try
            {
                await Task.Delay(delay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
        }
    }

    [LoggerMessage(EventId = 4761, Level = LogLevel.Warning, Message = "Could not start the sync grain; retrying in {Delay}")]
    private static partial void LogStartFailed(ILogger logger, TimeSpan delay, Exception exception);
}
