namespace MockExams.Api.Auth;

/// <summary>The permissions an access token can carry in <c>app_metadata.permissions</c>; each is also a policy name.</summary>
public static class Permissions
{
    public const string ClaimType = "permission";

    /// <summary>Reads: exams, bookings, aggregates, sync status.</summary>
    public const string ExamsView = "exams.view";

    /// <summary>Exam writes and force sync.</summary>
    public const string ExamsEdit = "exams.edit";

    /// <summary>Book and cancel.</summary>
    public const string BookingsManage = "bookings.manage";

    public static readonly IReadOnlyList<string> All = [ExamsView, ExamsEdit, BookingsManage];
}
