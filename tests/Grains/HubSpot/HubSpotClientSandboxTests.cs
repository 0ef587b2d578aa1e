using MockExams.Grains.HubSpot;
using MockExams.Sandbox.Configuration;

namespace MockExams.Tests.Grains.HubSpot;

/// <summary>The client's domain operations against the sandbox's HubSpot shapes.</summary>
public sealed class HubSpotClientSandboxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("2026-09")]
    [InlineData("v3")]
    public async Task Exam_CreateReadUpdateListArchive_RoundTrips(string apiVersion)
    {
        await using var hub = await SandboxedHubSpot.StartAsync(s => s);
        var client = (await hub.StartProcessAsync(new() { ["ApiVersion"] = apiVersion })).Client;

        var created = await client.CreateExamAsync(
            new NewExam("Mock OSCE Halifax", "Clinical Skills", new DateOnly(2027, 2, 14), "08:30", "16:00", "Halifax", 24, IsActive: true),
            HubSpotLane.UserWrite, Ct);
        var read = await client.GetExamAsync(created.Id, HubSpotLane.Sync, Ct);
        var updated = await client.UpdateExamAsync(created.Id, new ExamChanges(Capacity: 30, IsActive: false), HubSpotLane.UserWrite, Ct);
        var listed = await client.ListExamsAsync(HubSpotLane.Sync, cancellationToken: Ct).ToListAsync(Ct);
        await client.ArchiveExamAsync(created.Id, HubSpotLane.UserWrite, Ct);
        var afterArchive = await client.GetExamAsync(created.Id, HubSpotLane.Sync, Ct);
        var archived = await client.ListExamsAsync(HubSpotLane.Sync, archived: true, Ct).ToListAsync(Ct);

        Assert.Equal(
            ("Mock OSCE Halifax", "Clinical Skills", new DateOnly(2027, 2, 14), "08:30", "16:00", "Halifax", 24, 0, true, false),
            (created.MockExamName, created.MockType, created.ExamDate, created.StartTime, created.EndTime, created.Location,
                created.Capacity, created.TotalBookings, created.IsActive, created.Archived));
        Assert.Equal(created, read);
        Assert.Equal((30, false), (updated.Capacity, updated.IsActive));
        Assert.True(updated.LastModified >= created.LastModified);
        Assert.Equal(updated, Assert.Single(listed));
        Assert.Null(afterArchive);
        Assert.True(Assert.Single(archived).Archived);
    }

    [Fact]
    public async Task Bookings_CreateTwice_SecondCallReturnsTheSameRecords()
    {
        await using var hub = await SandboxedHubSpot.StartAsync(s => s);
        var (exam, contact) = (hub.SeedExam(), hub.SeedContact());
        var client = (await hub.StartProcessAsync()).Client;
        List<NewBooking> bookings = [.. Enumerable.Range(0, 3).Select(_ => SandboxedHubSpot.NewBooking(exam, contact))];

        var first = await client.CreateBookingsAsync(bookings, HubSpotLane.UserWrite, Ct);
        var second = await client.CreateBookingsAsync(bookings, HubSpotLane.UserWrite, Ct);

        Assert.All(first, r => Assert.Equal(CreateStatus.Created, r.Status));
        Assert.All(second, r => Assert.Equal(CreateStatus.AlreadyExisted, r.Status));
        Assert.Equal(first.Select(r => r.Booking!.Id), second.Select(r => r.Booking!.Id));
        Assert.Equal(3, hub.Bookings.Count);
        var dumped = hub.Sandbox.Store.Export().Associations.Where(a => a.FromId.ToString() == first[0].Booking!.Id).ToList();
        Assert.Contains(dumped, a => a.ToId.ToString() == exam && a.TypeId == 101);
        Assert.Contains(dumped, a => a.ToId.ToString() == contact && a.TypeId == 103);
    }

    [Fact]
    public async Task Bookings_DuplicateAnsweredAs400AlreadyHasThatValue_AlsoReturnsTheExistingRecord()
    {
        await using var hub = await SandboxedHubSpot.StartAsync(s => s with { UniqueConflictStyle = UniqueConflictStyle.AlreadyHasValue });
        var (exam, contact) = (hub.SeedExam(), hub.SeedContact());
        var client = (await hub.StartProcessAsync()).Client;
        var booking = SandboxedHubSpot.NewBooking(exam, contact);

        var first = Assert.Single(await client.CreateBookingsAsync([booking], HubSpotLane.UserWrite, Ct));
        var again = await client.CreateBookingsAsync([booking, SandboxedHubSpot.NewBooking(exam, contact)], HubSpotLane.UserWrite, Ct);

        Assert.Equal((CreateStatus.AlreadyExisted, first.Booking!.Id), (again[0].Status, again[0].Booking!.Id));
        Assert.Equal(CreateStatus.Created, again[1].Status);
        Assert.Equal(2, hub.Bookings.Count);
    }

    [Fact]
    public async Task Bookings_OneInputWithAMissingContact_FailsAlone()
    {
        await using var hub = await SandboxedHubSpot.StartAsync(s => s);
        var (exam, contact) = (hub.SeedExam(), hub.SeedContact());
        var client = (await hub.StartProcessAsync()).Client;

        var results = await client.CreateBookingsAsync(
            [SandboxedHubSpot.NewBooking(exam, contact), SandboxedHubSpot.NewBooking(exam, "999999"), SandboxedHubSpot.NewBooking(exam, contact)],
            HubSpotLane.UserWrite, Ct);

        Assert.Equal([CreateStatus.Created, CreateStatus.Failed, CreateStatus.Created], results.Select(r => r.Status));
        Assert.Equal("VALIDATION_ERROR", results[1].Error!.Category);
        Assert.Equal(2, hub.Bookings.Count);
    }

    [Fact]
    public async Task Bookings_FindUpdateAndArchive_AgainstTheSandbox()
    {
        await using var hub = await SandboxedHubSpot.StartAsync(s => s);
        var (exam, contact) = (hub.SeedExam(), hub.SeedContact());
        var client = (await hub.StartProcessAsync()).Client;
        var created = (await client.CreateBookingsAsync(
            [.. Enumerable.Range(0, 3).Select(_ => SandboxedHubSpot.NewBooking(exam, contact))], HubSpotLane.UserWrite, Ct))
            .Select(r => r.Booking!).ToList();

        var found = await client.FindBookingsByBookingIdAsync([created[0].BookingId!, created[2].BookingId!, "no-such-booking"], HubSpotLane.Sync, Ct);
        var byId = await client.GetBookingsAsync([created[1].Id, "424242"], HubSpotLane.Sync, Ct);
        var updated = await client.UpdateBookingsAsync(
            [new BookingChanges(created[0].Id, BookingStatus: "Cancelled", IsActive: false), new BookingChanges("424242", Attendance: "Yes")],
            HubSpotLane.UserWrite, Ct);
        await client.ArchiveBookingsAsync([created[1].Id], HubSpotLane.UserWrite, Ct);

        Assert.Equal([created[0].Id, created[2].Id], found.Select(b => b.Id).Order());
        Assert.Equal(created[1], Assert.Single(byId));
        Assert.Equal(("Cancelled", false), (updated[0].Booking!.BookingStatus, updated[0].Booking!.IsActive));
        Assert.Null(updated[1].Booking);
        Assert.NotNull(updated[1].Error);
        Assert.Equal([created[0].Id, created[2].Id], hub.Bookings.Select(b => b.Id.ToString()).Order());
    }
}
