using MockExams.Api.Input;
using MockExams.Exams;

namespace MockExams.Api.Exams;

/// <summary>
/// The <c>status</c> filter of <c>GET /api/mock-exams/{id}/bookings</c>: <c>active</c> (HubSpot <c>is_active</c>
/// is "true": the bookings <c>total_bookings</c> counts), <c>cancelled</c> (every other booking) or <c>all</c>
/// (the default), in any case.
/// </summary>
public static class BookingStatusParameter
{
    public const string Name = "status";

    public static BookingStatusFilter Parse(string? value, InputErrors errors)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "all":
                return BookingStatusFilter.All;
            case "active":
                return BookingStatusFilter.Active;
            case "cancelled":
                return BookingStatusFilter.Cancelled;
            default:
                errors.Add(Name, $"Must be active, cancelled or all, not '{value}'.");
                return BookingStatusFilter.All;
        }
    }
}
