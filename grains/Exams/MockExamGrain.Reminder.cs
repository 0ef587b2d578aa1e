namespace MockExams.Grains.Exams;

/// <summary>
/// The wake-up reminder of an exam whose saved state owes work (an intent whose HubSpot outcome is unknown, a
/// coalesced total_bookings push, an exam re-read). It is registered before such state is first saved, so a silo
/// that dies without deactivating its grains still leaves something that wakes the exam when no client calls it
/// again; activation then settles what the saved state owes. A deactivation or a tick that finds nothing owed
/// releases it.
/// </summary>
public sealed partial class MockExamGrain
{
    private const string OwedReminder = "settle-owed";

    /// <summary>Orleans' shortest reminder period.</summary>
    private static readonly TimeSpan OwedReminderPeriod = TimeSpan.FromMinutes(1);

    /// <summary>Registered by this activation, or found saved unsettled (so registered before that save).</summary>
    private bool _owedReminderRegistered;

    /// <summary>Registrations and releases run one after another, so a release never overtakes a later registration.</summary>
    private Task _owedReminderChange = Task.CompletedTask;

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == OwedReminder && state.State.Settled && !_stateUnsaved)
        {
            _owedReminderRegistered = true;   // it ticked, so it exists
            await ReleaseOwedReminderAsync();
        }

        // Otherwise activation has queued the settle (OnActivateAsync), or this activation's settle timer is on it.
    }

    /// <summary>Before saving unsettled state: once per activation, one reminder upsert in Postgres.</summary>
    private Task EnsureOwedReminderAsync()
    {
        if (!_owedReminderRegistered)
        {
            _owedReminderRegistered = true;
            _owedReminderChange = ChangeOwedReminderAsync(_owedReminderChange, register: true);
        }

        return _owedReminderChange;
    }

    private Task ReleaseOwedReminderAsync()
    {
        if (_owedReminderRegistered)
        {
            _owedReminderRegistered = false;
            _owedReminderChange = ChangeOwedReminderAsync(_owedReminderChange, register: false);
        }

        return _owedReminderChange;
    }

    private async Task ChangeOwedReminderAsync(Task previous, bool register)
    {
        // ContinueOnCapturedContext keeps the continuation on this grain's scheduler.
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        try
        {
            if (register)
            {
                await this.RegisterOrUpdateReminder(OwedReminder, OwedReminderPeriod, OwedReminderPeriod);
            }
            else if (await this.GetReminder(OwedReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (register)
            {
                // The write it guards goes on: the reminder is a backstop, and the replica that stores both is the same.
                _owedReminderRegistered = false;
                LogOwedReminderFailed(logger, ExamId, ex);
            }
            else
            {
                LogOwedReminderNotReleased(logger, ExamId, ex);
            }
        }
    }
}
