using MockExams.Api.Exams;

namespace MockExams.Tests.Api.Exams;

/// <summary>
/// Readers of one key share checks, but only checks that start after they arrive (so a write answered before a read
/// arrived is always seen by it). Each check here is a hand-released step, so the order is exact.
/// </summary>
public sealed class FollowingChecksTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_Alone_ChecksAtOnceAndKeepsNothing()
    {
        var checks = new FollowingChecks<int>();
        var steps = new Steps();

        var read = checks.RunAsync("k", steps.Check, Cancel);
        Assert.Equal(1, steps.Started);
        steps.Finish(0, 7);

        Assert.Equal(7, await read);
        Assert.Equal(0, checks.ActiveKeys);
    }

    [Fact]
    public async Task Run_WhileACheckRuns_ReadersWaitForTheNextOneAndAllShareIt()
    {
        var checks = new FollowingChecks<int>();
        var steps = new Steps();
        var first = checks.RunAsync("k", steps.Check, Cancel);

        var waiting = Enumerable.Range(0, 50).Select(_ => checks.RunAsync("k", steps.Check, Cancel)).ToList();
        Assert.Equal(1, steps.Started);   // nobody joined the running check, and the next waits for it
        steps.Finish(0, 1);

        Assert.Equal(1, await first);
        await steps.WaitForStartAsync(2);
        Assert.All(waiting, read => Assert.False(read.IsCompleted));
        steps.Finish(1, 2);
        Assert.All(await Task.WhenAll(waiting), answer => Assert.Equal(2, answer));
        Assert.Equal(2, steps.Started);
        Assert.Equal(0, checks.ActiveKeys);
    }

    [Fact]
    public async Task Run_ArrivingAfterTheNextCheckStarted_WaitsForAThirdCheck()
    {
        var checks = new FollowingChecks<int>();
        var steps = new Steps();
        var first = checks.RunAsync("k", steps.Check, Cancel);
        var second = checks.RunAsync("k", steps.Check, Cancel);
        steps.Finish(0, 1);
        await steps.WaitForStartAsync(2);

        var third = checks.RunAsync("k", steps.Check, Cancel);   // the second check was sent before this arrived
        steps.Finish(1, 2);
        await steps.WaitForStartAsync(3);
        steps.Finish(2, 3);

        var answers = await Task.WhenAll(first, second, third);
        Assert.Equal([1, 2, 3], answers);
    }

    [Fact]
    public async Task Run_OtherKeys_NeverShare()
    {
        var checks = new FollowingChecks<int>();
        var steps = new Steps();

        var a = checks.RunAsync("a", steps.Check, Cancel);
        var b = checks.RunAsync("b", steps.Check, Cancel);
        Assert.Equal(2, steps.Started);
        Assert.Equal(2, checks.ActiveKeys);
        steps.Finish(0, 10);
        steps.Finish(1, 20);

        var answers = await Task.WhenAll(a, b);
        Assert.Equal([10, 20], answers);
        Assert.Equal(0, checks.ActiveKeys);
    }

    [Fact]
    public async Task Run_SharedCheckFails_EveryReaderOfItSeesTheFailureAndTheKeyRecovers()
    {
        var checks = new FollowingChecks<int>();
        var steps = new Steps();
        var first = checks.RunAsync("k", steps.Check, Cancel);
        var waiting = new[] { checks.RunAsync("k", steps.Check, Cancel), checks.RunAsync("k", steps.Check, Cancel) };
        steps.Finish(0, 1);
        await first;
        await steps.WaitForStartAsync(2);

        steps.Fail(1, new TimeoutException("silo gone"));

        foreach (var read in waiting)
        {
            Assert.Equal("silo gone", (await Assert.ThrowsAsync<TimeoutException>(() => read)).Message);
        }

        var after = checks.RunAsync("k", steps.Check, Cancel);
        steps.Finish(2, 3);
        Assert.Equal(3, await after);
    }

    [Fact]
    public async Task Run_OneReaderGivesUp_OthersStillGetTheSharedAnswer()
    {
        var checks = new FollowingChecks<int>();
        var steps = new Steps();
        var first = checks.RunAsync("k", steps.Check, Cancel);
        using var impatient = new CancellationTokenSource();
        var leaving = checks.RunAsync("k", steps.Check, impatient.Token);
        var staying = checks.RunAsync("k", steps.Check, Cancel);

        await impatient.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving);
        steps.Finish(0, 1);
        await steps.WaitForStartAsync(2);
        steps.Finish(1, 2);
        Assert.Equal(1, await first);
        Assert.Equal(2, await staying);
    }

    /// <summary>Checks that end only when the test says, numbered in the order they started.</summary>
    private sealed class Steps
    {
        private readonly List<TaskCompletionSource<int>> _started = [];

        public int Started
        {
            get
            {
                lock (_started)
                {
                    return _started.Count;
                }
            }
        }

        public Task<int> Check()
        {
            var step = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_started)
            {
                _started.Add(step);
            }

            return step.Task;
        }

        public void Finish(int index, int answer) => Step(index).SetResult(answer);

        public void Fail(int index, Exception failure) => Step(index).SetException(failure);

        public async Task WaitForStartAsync(int count)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (Started < count)
            {
                await Task.Delay(5, timeout.Token);
            }
        }

        private TaskCompletionSource<int> Step(int index)
        {
            lock (_started)
            {
                return _started[index];
            }
        }
    }
}
