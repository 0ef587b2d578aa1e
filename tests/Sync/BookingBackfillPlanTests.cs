using MockExams.Grains.Sync.Backfill;

namespace MockExams.Tests.Sync;

public sealed class BookingBackfillPlanTests
{
    [Fact]
    public void TryClaim_SearchCoversTheTop_ClaimsStopBelowIt()
    {
        var plan = new BookingBackfillPlan([5, 1, 3, 9, 7, 3], low: null, high: null);

        Assert.True(plan.TryClaim(2, out var first));
        plan.SearchCovered(7);
        Assert.True(plan.TryClaim(2, out var second));
        var more = plan.TryClaim(2, out _);

        Assert.Equal([1, 3], first.Ids);
        Assert.Equal([5], second.Ids);
        Assert.False(more);
        Assert.Equal(5, plan.MaxClaimed);
    }

    [Fact]
    public void Constructor_SavedCheckpoints_SkipsWhatTheyCover()
    {
        var plan = new BookingBackfillPlan([1, 2, 3, 4, 5, 6], low: 2, high: 6);

        Assert.True(plan.TryClaim(10, out var chunk));

        Assert.Equal([3, 4, 5], chunk.Ids);
        Assert.Equal(3, plan.Count);
    }

    [Fact]
    public void LowIfCommitted_ChunksFinishOutOfOrder_OnlyAContiguousRunMovesTheCheckpoint()
    {
        var plan = new BookingBackfillPlan([10, 20, 30, 40, 50, 60], low: null, high: null);
        plan.TryClaim(2, out var a);
        plan.TryClaim(2, out var b);
        plan.TryClaim(2, out var c);

        var lowWithB = plan.LowIfCommitted(b);
        plan.Committed(b);
        var lowWithA = plan.LowIfCommitted(a);
        plan.Committed(a);
        var lowWithC = plan.LowIfCommitted(c);

        Assert.Null(lowWithB);
        Assert.Equal(40, lowWithA);
        Assert.Equal(60, lowWithC);
    }
}
