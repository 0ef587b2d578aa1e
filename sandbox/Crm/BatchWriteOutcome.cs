using MockExams.Sandbox.Http;

namespace MockExams.Sandbox.Crm;

/// <summary>
/// A batch write: either Rejected (one input without objectWriteTraceId failed, nothing was written)
/// or one result per input, in input order.
/// </summary>
public sealed record BatchWriteOutcome(CrmError? Rejected, IReadOnlyList<WriteResult> Results)
{
    public static BatchWriteOutcome Reject(CrmError error) => new(error, []);
}
