namespace MockExams.Sandbox.Crm;

internal enum WriteMode
{
    Create,
    Update,
    Upsert,
}
