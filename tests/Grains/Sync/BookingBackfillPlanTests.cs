using MockExams.Grains.Sync.Backfill;
using static MockExams.Tests.Grains.Sync.SyncTestKit;

namespace MockExams.Tests.Grains.Sync;

public sealed class BookingBackfillPlanTests
{
    [Fact]
    public async Task Claim_SearchCoversTheTop_ReadsTakeOnlyIdsBelowIt()
    {
        var plan = new BookingBackfillPlan(searchedDownTo: null);
        plan.AddPage("p1", [5, 1, 3, 9, 7, 3]);
        plan.ListFinished();

        var first = await plan.ClaimAsync(2, Token);
        plan.SearchCovered(7);
        var second = await plan.ClaimAsync(2, Token);
        var none = await plan.ClaimAsync(2, Token);

        Assert.Equal([1, 3], first!.Ids);
        Assert.Equal([5], second!.Ids);
        Assert.Null(none);
        Assert.Equal(5, plan.MaxClaimed);
    }

    [Fact]
    public async Task Claim_SavedSearchPosition_SkipsWhatTheSearchWrote()
    {
        var plan = new BookingBackfillPlan(searchedDownTo: 6);
        plan.AddPage(null, [1, 2, 6, 7]);
        plan.ListFinished();

        var chunk = await plan.ClaimAsync(10, Token);

        Assert.Equal([1, 2], chunk!.Ids);
    }

    [Fact]
    public async Task Claim_PageStillBeingListed_WaitsForIt()
    {
        var plan = new BookingBackfillPlan(searchedDownTo: null);

        var claim = plan.ClaimAsync(10, Token);
        Assert.False(claim.IsCompleted);
        plan.AddPage("p1", new long[] { 4, 2 });
        var chunk = await claim;

        Assert.Equal([2, 4], chunk!.Ids);
    }

    [Fact]
    public async Task CheckpointFor_PagesFinishOutOfOrder_OnlyACompleteRunOfPagesMovesIt()
    {
        var plan = new BookingBackfillPlan(searchedDownTo: null);
        plan.AddPage("after-1", [10, 20]);
        plan.AddPage("after-2", [30]);
        plan.AddPage(null, []);
        plan.ListFinished();
        var a = (await plan.ClaimAsync(2, Token))!;
        var b = (await plan.ClaimAsync(2, Token))!;
        var c = (await plan.ClaimAsync(2, Token))!;

        var withB = plan.CheckpointFor(b);
        plan.Committed(b);
        var withA = plan.CheckpointFor(a);
        plan.Committed(a);
        var withC = plan.CheckpointFor(c);
        plan.Committed(c);

        Assert.Null(withB);
        Assert.Equal(("after-2", false), withA);
        Assert.Empty(c.Ids);
        Assert.Equal(((string?)null, true), withC);
        Assert.True(plan.ReadsFinished);
    }

    [Fact]
    public async Task RunningLow_ClaimsLeaveFewerIdsThanTheMark_Completes()
    {
        var plan = new BookingBackfillPlan(searchedDownTo: null);
        plan.AddPage("p1", [1, 2, 3, 4, 5]);
        var low = plan.RunningLowAsync(3);

        await plan.ClaimAsync(2, Token);
        var afterTwo = low.IsCompleted;
        await plan.ClaimAsync(1, Token);

        Assert.False(afterTwo);
        await low.WaitAsync(TimeSpan.FromSeconds(5), Token);
        Assert.True(plan.RunningLowAsync(3).IsCompleted);
        Assert.False(plan.RunningLowAsync(2).IsCompleted);
    }
}
