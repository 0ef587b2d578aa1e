using Microsoft.Extensions.Logging;

namespace MockExams.Grains.Exams;

/// <summary>
/// The wake-up reminder of an exam whose saved state owes work (an intent whose HubSpot outcome is unknown, a
/// coalesced total_bookings push, an exam re-read). It is registered before such state is first saved, so a silo
/// that dies without deactivating its grains still leaves something that wakes the exam when no client calls it
/// again; activation then settles what the saved state owes. A deactivation or a tick that finds nothing owed
/// releases it. This holds whether the activation has it registered, and the registration or release in flight; touched
/// only on the activation's scheduler.
/// </summary>
internal sealed partial class OwedReminder(ILogger logger)
{
    public const string Name = "settle-owed";

    /// <summary>Orleans' shortest reminder period.</summary>
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    /// <summary>Registered by this activation, or found saved unsettled (so registered before that save).</summary>
    private bool _registered;

    /// <summary>Registrations and releases run one after another, so a release never overtakes a later registration.</summary>
    private Task _change = Task.CompletedTask;

    /// <summary>Known to exist: the state was found saved unsettled, or the reminder ticked.</summary>
    public void FoundRegistered() => _registered = true;

    /// <summary>Before saving unsettled state: once per activation, one reminder upsert in Postgres.</summary>
    public Task EnsureAsync(Grain grain)
    {
        if (!_registered)
        {
            _registered = true;
            _change = ChangeAsync(grain, _change, register: true);
        }

        return _change;
    }

    public Task ReleaseAsync(Grain grain)
    {
        if (_registered)
        {
            _registered = false;
            _change = ChangeAsync(grain, _change, register: false);
        }

        return _change;
    }

    private async Task ChangeAsync(Grain grain, Task previous, bool register)
    {
        // ContinueOnCapturedContext keeps the continuation on this grain's scheduler.
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        try
        {
            if (register)
            {
                await grain.RegisterOrUpdateReminder(Name, Period, Period);
            }
            else if (await grain.GetReminder(Name) is { } reminder)
            {
                await grain.UnregisterReminder(reminder);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (register)
            {
                // The write it guards goes on: the reminder is a backstop, and the replica that stores both is the same.
                _registered = false;
                LogOwedReminderFailed(logger, grain.GetPrimaryKeyString(), ex);
            }
            else
            {
                LogOwedReminderNotReleased(logger, grain.GetPrimaryKeyString(), ex);
            }
        }
    }

    [LoggerMessage(EventId = 4021, Level = LogLevel.Warning,
        Message = "Exam {ExamId}: the wake-up reminder for owed work could not be registered; the next save or call tries again")]
    private static partial void LogOwedReminderFailed(ILogger logger, string examId, Exception exception);

    [LoggerMessage(EventId = 4022, Level = LogLevel.Information,
        Message = "Exam {ExamId}: the wake-up reminder could not be released; its next tick finds nothing owed and tries again")]
    private static partial void LogOwedReminderNotReleased(ILogger logger, string examId, Exception exception);
}
