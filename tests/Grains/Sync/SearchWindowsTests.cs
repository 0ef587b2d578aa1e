using MockExams.Grains.Sync.Backfill;

namespace MockExams.Tests.Grains.Sync;

public sealed class SearchWindowsTests
{
    [Fact]
    public void Next_ConsecutiveWindowsFromTheTop_StopAtWhatTheReadsClaimed()
    {
        var windows = new SearchWindows(highestId: 1_000, width: 300);

        var first = windows.Next(claimedUpTo: null)!;
        var second = windows.Next(claimedUpTo: 450)!;
        var none = windows.Next(claimedUpTo: 450);

        Assert.Equal((701, 1_000), (first.Low, first.High));
        Assert.Equal((451, 700), (second.Low, second.High));
        Assert.Equal(701, second.Below);
        Assert.Null(none);
    }

    [Fact]
    public void CoveredFromIfDone_WindowsFinishOutOfOrder_OnlyARunFromTheTopMovesIt()
    {
        var windows = new SearchWindows(highestId: 999, width: 100);
        var a = windows.Next(null)!;
        var b = windows.Next(null)!;

        var withB = windows.CoveredFromIfDone(b);
        windows.Finished(b);
        var withA = windows.CoveredFromIfDone(a);
        windows.Finished(a);

        Assert.Null(withB);
        Assert.Equal(800, withA);
        Assert.Equal(800, windows.CoveredFrom);
    }
}
