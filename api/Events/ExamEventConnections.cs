using Microsoft.Extensions.Options;

namespace MockExams.Api.Events;

/// <summary>Counts this process's open event streams against <see cref="ExamEventsOptions.MaxConnections"/>.</summary>
public sealed class ExamEventConnections(IOptions<ExamEventsOptions> options)
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    /// <summary>A lease to dispose when the stream ends; null when the cap is reached.</summary>
    public IDisposable? TryOpen()
    {
        if (Interlocked.Increment(ref _open) > options.Value.MaxConnections)
        {
            Interlocked.Decrement(ref _open);
            return null;
        }

        return new Lease(this);
    }

    private sealed class Lease(ExamEventConnections connections) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref connections._open);
            }
        }
    }
}
