using MockExams.Grains.HubSpot;

namespace MockExams.Tests.Grains.HubSpot;

public sealed class GetBookingsForExamTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("2026-09")]
    [InlineData("v3")]
    public async Task GetBookingsForExam_ReadsTheExamsAssociations_ThenTheBookings(string apiVersion)
    {
        await using var hub = await SandboxedHubSpot.StartAsync(s => s);
        var (exam, other, contact) = (hub.SeedExam(), hub.SeedExam(), hub.SeedContact());
        var client = (await hub.StartProcessAsync(new() { ["ApiVersion"] = apiVersion })).Client;
        var mine = await client.CreateBookingsAsync(
            [.. Enumerable.Range(0, 150).Select(_ => SandboxedHubSpot.NewBooking(exam, contact))], HubSpotLane.Sync, Ct);
        await client.CreateBookingsAsync([SandboxedHubSpot.NewBooking(other, contact)], HubSpotLane.Sync, Ct);

        var bookings = await client.GetBookingsForExamAsync(exam, HubSpotLane.Sync, Ct);
        var none = await client.GetBookingsForExamAsync(hub.SeedExam(), HubSpotLane.Sync, Ct);

        Assert.Equal(mine.Select(r => r.Booking!.Id).Order(), bookings.Select(b => b.Id).Order());
        Assert.Empty(none);
    }
}
