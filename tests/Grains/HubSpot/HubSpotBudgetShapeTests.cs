using MockExams.Grains.HubSpot;

namespace MockExams.Tests.Grains.HubSpot;

public sealed class HubSpotBudgetShapeTests
{
    [Theory]
    [InlineData(100, 0.9, 3, 8.7)]
    [InlineData(190, 0.9, 3, 16.8)]
    [InlineData(250, 0.9, 3, 22.2)]
    [InlineData(20, 0.9, 3, 1.5)]
    [InlineData(50, 0.9, 3, 4.2)]
    public void TenSecond_DefaultHeadroom_GivesBurstAndRate(int limit, double headroom, double burst, double perSecond)
    {
        var shape = HubSpotBudgetShape.TenSecond(new HubSpotOptions { CallsPerTenSeconds = limit, Headroom = headroom });

        Assert.Equal(burst, shape.Capacity);
        Assert.Equal(perSecond, shape.TokensPerSecond, 6);
    }

    [Fact]
    public void Search_FivePerSecond_GivesOneAtATimeAndUnderFivePerSecond()
    {
        var shape = HubSpotBudgetShape.Search(new HubSpotOptions());

        Assert.Equal(1, shape.Capacity);
        Assert.Equal(3.5, shape.TokensPerSecond, 6);
    }

    [Fact]
    public void EveryShape_KeepsTheWorstWindowUnderTheLimit_AtTheTargetWhenTheTargetAllows()
    {
        foreach (var limit in Enumerable.Range(10, 241))
        {
            foreach (var headroom in new[] { 0.5, 0.75, 0.9, 0.95 })
            {
                var shape = HubSpotBudgetShape.TenSecond(new HubSpotOptions { CallsPerTenSeconds = limit, Headroom = headroom });

                var worstWindow = shape.Capacity + shape.TokensPerSecond * 10;
                Assert.True(worstWindow < limit, $"{limit}@{headroom}: {worstWindow}");
                if (limit * headroom >= 2 * shape.Capacity)
                {
                    Assert.Equal(limit * headroom, worstWindow, 6);
                }
                Assert.True(shape.Capacity >= 1 + HubSpotBudgetShape.ReserveFor(HubSpotLane.Backfill) + HubSpotBudgetShape.Slack);
            }
        }
    }

    [Theory]
    [InlineData(100, 0.9, 5)]
    [InlineData(20, 0.9, 1)]
    [InlineData(190, 0.9, 9.5)]
    public void LowRemainingMark_IsHalfTheHeadroom(int max, double headroom, double mark)
    {
        Assert.Equal(mark, HubSpotBudgetShape.LowRemainingMark(max, headroom), 6);
    }
}
