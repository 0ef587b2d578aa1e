namespace MockExams.Sandbox.Crm;

/// <summary>Told of every committed change, after the store's lock is released; must not block.</summary>
public interface IRecordChangeListener
{
    void OnChanges(IReadOnlyList<RecordChange> changes);
}
