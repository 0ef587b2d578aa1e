using Microsoft.Extensions.DependencyInjection;
using MockExams.Exams;
using MockExams.Grains.Exams;
using MockExams.Grains.HubSpot;
using MockExams.Grains.Replica;
using MockExams.Tests.Fixtures;
using Orleans.Storage;

namespace MockExams.Tests.Grains.Exams;

/// <summary>Sets up what a silo dying between an exam grain's intent and HubSpot's answer leaves behind.</summary>
public sealed class JournalSeeder(ClusterFixture fixture, WriteScenario scenario)
{
    private static CancellationToken Token => WriteScenario.Token;

    private IServiceProvider Silo => fixture.Silos[0].Services;

    /// <summary>An exam in HubSpot and the replica whose grain has never been activated.</summary>
    public async Task<string> SeedExamWithoutGrainAsync(int capacity)
    {
        var exam = await Silo.GetRequiredService<HubSpotClient>().CreateExamAsync(
            new NewExam("SJ Recovery", "Situational Judgment", new DateOnly(2030, 6, 1), "09:00", "12:00", "Toronto", capacity, true),
            HubSpotLane.UserWrite, Token);
        await Silo.GetRequiredService<ReplicaWriter>().CommitAsync(exam.Id, new ReplicaCommit(exam.ToRecord(), [], []), Token);
        return exam.Id;
    }

    public async Task<IntendedBooking> IntendedBookingAsync()
    {
        var contactId = await scenario.CreateContactAsync();
        return new IntendedBooking(Guid.CreateVersion7().ToString("N"), contactId, $"STU-{contactId}", "Journaled Student",
            $"j{contactId}@example.com", "left", "Toronto", new DateOnly(2030, 6, 1), null, null);
    }

    /// <summary>Writes the grain state a silo would have left when dying between the intent and HubSpot's answer.</summary>
    public Task JournalAsync(string examId, WriteIntent intent) =>
        SaveStateAsync(examId, new MockExamState { Intents = [intent], TotalBookingsOwed = true });

    /// <summary>Writes an exam grain's state as an earlier activation would have saved it.</summary>
    public async Task SaveStateAsync(string examId, MockExamState state)
    {
        var storage = Silo.GetRequiredKeyedService<IGrainStorage>("grain-state");
        var grainId = fixture.Grains.GetGrain<IMockExamGrain>(examId).GetGrainId();
        await storage.WriteStateAsync("exam", grainId, new GrainState<MockExamState>(state));
    }
}
