using MockExams.Grains.HubSpot;

namespace MockExams.Tests.HubSpot;

public sealed class HubSpotBudgetShapeTests
{
    [Theory]
    [InlineData(100, 0.9, 5, 9.0)]
    [InlineData(190, 0.9, 9, 17.1)]
    [InlineData(250, 0.9, 12, 22.5)]
    [InlineData(20, 0.9, 3, 1.6)]
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
        Assert.Equal(3.75, shape.TokensPerSecond, 6);
    }

    [Fact]
    public void EveryShape_KeepsTheWorstWindowBelowTheLimit_AndAboveTheLowestReserve()
    {
        foreach (var limit in Enumerable.Range(10, 241))
        {
            foreach (var headroom in new[] { 0.5, 0.75, 0.9, 0.95, 1.0 })
            {
                var shape = HubSpotBudgetShape.TenSecond(new HubSpotOptions { CallsPerTenSeconds = limit, Headroom = headroom });

                var worstWindow = shape.Capacity + shape.TokensPerSecond * 10;
                Assert.True(worstWindow <= limit * (1 + headroom) / 2 + 1e-9, $"{limit}@{headroom}: {worstWindow}");
                Assert.True(shape.Capacity >= 1 + HubSpotBudgetShape.ReserveFor(HubSpotLane.Backfill));
                Assert.True(shape.TokensPerSecond > 0);
            }
        }
    }
}
