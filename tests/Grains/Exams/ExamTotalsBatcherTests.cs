using Microsoft.Extensions.Options;
using MockExams.Grains.Exams;
using MockExams.Grains.HubSpot;
using MockExams.Tests.Grains.HubSpot;

namespace MockExams.Tests.Grains.Exams;

/// <summary>The exams' coalesced totals that come due together reach HubSpot in one batch/update.</summary>
[Collection(SandboxLoad.Collection)]
public sealed class ExamTotalsBatcherTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Push_ThreeExamsDueTogether_OneBatchUpdateSetsEveryTotal()
    {
        await using var hub = await SandboxedHubSpot.StartAsync(s => s);
        var exams = new[] { hub.SeedExam(), hub.SeedExam(), hub.SeedExam() };
        var process = await hub.StartProcessAsync();
        var batcher = new ExamTotalsBatcher(
            process.Services, Options.Create(new ExamWriteOptions { TotalBookingsBatchWindow = TimeSpan.FromMilliseconds(200) }), TimeProvider.System);

        await Task.WhenAll(batcher.PushAsync(exams[0], 7), batcher.PushAsync(exams[1], 8), batcher.PushAsync(exams[2], 1), batcher.PushAsync(exams[2], 9));

        Assert.Equal(1, hub.CallsTo("/batch/update"));
        Assert.Equal(1, hub.Stats.TotalCalls);
        var totals = (await process.Client.GetExamsAsync(exams, HubSpotLane.Sync, Ct)).ToDictionary(e => e.Id, e => e.TotalBookings);
        Assert.Equal(7, totals[exams[0]]);
        Assert.Equal(8, totals[exams[1]]);
        Assert.Equal(9, totals[exams[2]]);   // the later total of the same exam replaced the earlier one
    }
}
