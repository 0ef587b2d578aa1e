namespace MockExams.Api.Admin;

/// <summary>The seed's force sync answer (<c>{"success": true, "message": "Synced 12 bookings"}</c>) plus the count.</summary>
public sealed record ForceSyncResponse(bool Success, string Message, int Synced);
