using System.Net;
using MockExams.Sandbox.Configuration;
using static MockExams.Tests.Sandbox.SandboxClient;

namespace MockExams.Tests.Sandbox;

public sealed class UniqueValueTests
{
    [Fact]
    public async Task Create_DuplicateBookingId_Returns409ConflictNamingTheExistingId()
    {
        await using var sandbox = await StartAsync();
        var existing = await sandbox.CreateAsync("bookings", new { booking_id = "BK-7" });

        var response = await sandbox.PostAsync("crm/v3/objects/bookings", new { properties = new { booking_id = "BK-7" } });

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Equal("CONFLICT", response.Body.GetProperty("category").GetString());
        Assert.Contains($"Existing ID: {existing}", response.Body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Create_DuplicateBookingIdInAlreadyHasValueStyle_Returns400()
    {
        await using var sandbox = await StartAsync(s => s with { UniqueConflictStyle = UniqueConflictStyle.AlreadyHasValue });
        await sandbox.CreateAsync("bookings", new { booking_id = "BK-8" });

        var response = await sandbox.PostAsync("crm/v3/objects/bookings", new { properties = new { booking_id = "BK-8" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("VALIDATION_ERROR", response.Body.GetProperty("category").GetString());
        Assert.Contains("already has that value", response.Body.GetProperty("message").GetString());
        Assert.Contains("booking_id", response.Body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Update_ToAnotherBookingsId_Returns409()
    {
        await using var sandbox = await StartAsync();
        await sandbox.CreateAsync("bookings", new { booking_id = "ONE" });
        var second = await sandbox.CreateAsync("bookings", new { booking_id = "TWO" });

        var response = await sandbox.PatchAsync($"crm/v3/objects/bookings/{second}", new { properties = new { booking_id = "ONE" } });

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
    }

    [Fact]
    public async Task Create_DuplicateContactEmailInOtherCase_Returns409ContactAlreadyExists()
    {
        await using var sandbox = await StartAsync();
        var existing = await sandbox.CreateAsync("contacts", new { email = "amelie@example.ca" });

        var response = await sandbox.PostAsync("crm/v3/objects/contacts", new { properties = new { email = "Amelie@Example.ca" } });

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Equal($"Contact already exists. Existing ID: {existing}", response.Body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Create_BookingIdOfAnArchivedBooking_IsAllowed()
    {
        await using var sandbox = await StartAsync();
        var old = await sandbox.CreateAsync("bookings", new { booking_id = "REUSED" });
        await sandbox.DeleteAsync($"crm/v3/objects/bookings/{old}");

        var response = await sandbox.PostAsync("crm/v3/objects/bookings", new { properties = new { booking_id = "REUSED" } });

        Assert.Equal(HttpStatusCode.Created, response.Status);
    }
}
