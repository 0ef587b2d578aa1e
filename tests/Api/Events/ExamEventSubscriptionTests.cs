using MockExams.Api.Events;
using MockExams.Catalog;

namespace MockExams.Tests.Api.Events;

/// <summary>A stream's mailbox: a client that does not read never makes the feed wait or hold more than one change per exam.</summary>
public sealed class ExamEventSubscriptionTests
{
    [Fact]
    public void Offer_TenThousandChangesToOneExamWhileTheClientReadsNothing_KeepsOnlyTheNewest()
    {
        using var subscription = new ExamEventSubscription(null, ExamFilter.Any, _ => { });

        for (var sequence = 1; sequence <= 10_000; sequence++)
        {
            subscription.Offer(Change(sequence, "exam-a"));
        }

        Assert.True(subscription.TryTake(out var taken));
        Assert.Equal(10_000, taken.Sequence);
        Assert.False(subscription.TryTake(out _));
    }

    [Fact]
    public void Offer_ACollapsedChange_IsTakenAfterTheChangesOfferedBeforeIt()
    {
        using var subscription = new ExamEventSubscription(null, ExamFilter.Any, _ => { });

        subscription.Offer(Change(1, "exam-a"));
        subscription.Offer(Change(2, "exam-b"));
        subscription.Offer(Change(3, "exam-a"));

        Assert.Equal([2L, 3L], TakeAll(subscription).Select(change => change.Sequence));
    }

    [Fact]
    public void Offer_ManyExamsEachChangedMany_TakesOnePerExamInIncreasingOrder()
    {
        using var subscription = new ExamEventSubscription(null, ExamFilter.Any, _ => { });

        for (var sequence = 1; sequence <= 5_000; sequence++)
        {
            subscription.Offer(Change(sequence, $"exam-{sequence % 50}"));
        }

        var taken = TakeAll(subscription);
        Assert.Equal(50, taken.Count);
        Assert.Equal(Enumerable.Range(4_951, 50).Select(s => (long)s), taken.Select(change => change.Sequence));
    }

    [Fact]
    public void Dispose_LeavesTheFeed()
    {
        ExamEventSubscription? left = null;
        var subscription = new ExamEventSubscription("exam-a", ExamFilter.Any, s => left = s);

        subscription.Dispose();

        Assert.Same(subscription, left);
    }

    private static List<ExamChange> TakeAll(ExamEventSubscription subscription)
    {
        var taken = new List<ExamChange>();
        while (subscription.TryTake(out var change))
        {
            taken.Add(change);
        }

        return taken;
    }

    private static ExamChange Change(long sequence, string examId) => new(sequence, examId, null, "{}");
}
