namespace MockExams.Sandbox.Crm;

public enum ChangeKind
{
    Creation,
    PropertyChange,
    Deletion,
}
