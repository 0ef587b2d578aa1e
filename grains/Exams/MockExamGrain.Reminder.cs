namespace MockExams.Grains.Exams;

/// <summary>The owed reminder's tick (<see cref="OwedReminder"/>): releases it once nothing is owed.</summary>
public sealed partial class MockExamGrain
{
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == OwedReminder.Name && state.State.Settled && !_journal.StateUnsaved)
        {
            _owedReminder.FoundRegistered();   // it ticked, so it exists
            await _owedReminder.ReleaseAsync(this);
        }

        // Otherwise activation has queued the settle (OnActivateAsync), or this activation's settle timer is on it.
    }
}
