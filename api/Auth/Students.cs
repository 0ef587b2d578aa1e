using System.Security.Claims;

namespace MockExams.Api.Auth;

/// <summary>
/// Students: a Supabase Auth user whose token carries <c>app_metadata.hubspot_contact_id</c>, the HubSpot contact the
/// user is (set by the back office with the service role when the account is linked; users cannot edit
/// <c>app_metadata</c>). A student may list exams and see their seats, and book, cancel, read and list only bookings
/// of that contact. Staff permissions (<see cref="Permissions"/>) are unscoped, as before: a token holding the
/// permission an endpoint asks for acts for anyone.
/// </summary>
public static class Students
{
    /// <summary>The field of <c>app_metadata</c> carrying the HubSpot contact id.</summary>
    public const string AppMetadataField = "hubspot_contact_id";

    /// <summary>The claim <see cref="AppMetadataPermissions"/> makes of it.</summary>
    public const string ContactClaimType = "hubspot_contact_id";

    /// <summary>
    /// Staff with <c>exams.view</c>, or a student: exam list, aggregates and one exam (no student data in them), and
    /// bookings (a student's own only).
    /// </summary>
    public const string ViewOrStudent = "exams.view|student";

    /// <summary>Staff with <c>bookings.manage</c>, or a student for their own bookings.</summary>
    public const string BookingsManageOrStudent = "bookings.manage|student";

    public static string? ContactOf(ClaimsPrincipal user) => user.FindFirst(ContactClaimType)?.Value;

    /// <summary>
    /// The contact the caller is limited to: null when it holds <paramref name="staffPermission"/> (acts for anyone),
    /// else its own contact. Only called behind a policy that let through staff or a student, so one of them holds.
    /// </summary>
    public static string? ScopeOf(ClaimsPrincipal user, string staffPermission) =>
        user.HasClaim(Permissions.ClaimType, staffPermission)
            ? null
            : ContactOf(user) ?? throw new InvalidOperationException("A policy let through a caller who is neither staff nor a student.");

    /// <summary>Whether the caller holds any staff permission (the write rate limit's staff allowance).</summary>
    public static bool IsStaff(ClaimsPrincipal user) => user.HasClaim(c => c.Type == Permissions.ClaimType);
}
