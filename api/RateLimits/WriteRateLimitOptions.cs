using System.ComponentModel.DataAnnotations;

namespace MockExams.Api.RateLimits;

/// <summary>
/// How fast one caller may write (every POST, PATCH, PUT, DELETE under <c>/api</c>), counted in Redis so every api
/// instance shares the count. Section "Api:WriteRateLimit"; env <c>Api__WriteRateLimit__WindowSeconds</c>,
/// <c>__StudentPermits</c>, <c>__StaffPermits</c>. A caller is a token's <c>sub</c>. This is the api protecting
/// itself from one runaway or abusive client; it is not HubSpot's budget, which the silos' governor keeps
/// (a client never sees HubSpot's 429s, only this api's own, with Retry-After).
/// </summary>
public sealed class WriteRateLimitOptions
{
    public const string SectionName = "Api:WriteRateLimit";

    /// <summary>The fixed window the permits are counted in.</summary>
    [Range(1, 3600)] public int WindowSeconds { get; set; } = 10;

    /// <summary>Writes per window for a student token (no staff permission); 0 turns the limit off for them.</summary>
    [Range(0, 1_000_000)] public int StudentPermits { get; set; } = 20;

    /// <summary>
    /// Writes per window for a staff token (back office, tools such as <c>mockexams storm</c>, which books for
    /// thousands of students with one token); 0 turns the limit off for them.
    /// </summary>
    [Range(0, 1_000_000)] public int StaffPermits { get; set; } = 5000;
}
