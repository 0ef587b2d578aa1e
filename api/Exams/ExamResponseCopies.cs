using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using MockExams.Exams;

namespace MockExams.Api.Exams;

/// <summary>
/// The bodies of exam reads this api already received, each under the id of the exam grain's copy it matches.
/// A read names the id it holds and the grain answers "unchanged" while its copy is current, so the 30 KB of a
/// bookings list cross the cluster once per change instead of once per read. Never served without the grain's
/// word: freshness stays the grain's, which alone knows when the exam changes. Bounded by size. Concurrent reads of
/// one key share the grain's answer only as <see cref="FollowingChecks{T}"/> allows (a check sent after they arrived).
/// </summary>
public sealed class ExamResponseCopies : IDisposable
{
    private readonly MemoryCache? _copies;
    private readonly FollowingChecks<ConfirmedBody?> _checks = new();

    public ExamResponseCopies(IOptions<ResponseCopyOptions> options)
    {
        var bytes = options.Value.ResponseCopiesMegabytes * 1024L * 1024L;
        _copies = bytes > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = bytes }) : null;
    }

    /// <summary>
    /// Asks the grain, naming the copy held for <paramref name="key"/>; returns the body to send (with the copy it is, for entity tags), or null (not found).
    /// <paramref name="read"/> must depend on nothing but the key (readers of a key share one call), and
    /// <paramref name="cancellationToken"/> ends only this reader's wait.
    /// </summary>
    public Task<ConfirmedBody?> ReadAsync(string key, Func<Guid?, Task<ExamRead>> read, CancellationToken cancellationToken) =>
        _checks.RunAsync(key, () => CheckAsync(key, read), cancellationToken);

    private async Task<ConfirmedBody?> CheckAsync(string key, Func<Guid?, Task<ExamRead>> read)
    {
        var held = _copies?.Get<ConfirmedBody>(key);
        var answer = await read(held?.CopyId);
        switch (answer)
        {
            case { Found: false }:
                _copies?.Remove(key);
                return null;
            case { Unchanged: true } when held is not null && answer.CopyId == held.CopyId:
                return held;
            case { Body: { } body, CopyId: { } id }:
                var confirmed = new ConfirmedBody(body, id);
                _copies?.Set(key, confirmed, new MemoryCacheEntryOptions { Size = body.Utf8.Length });
                return confirmed;
            case { Body: { } body }:
                _copies?.Remove(key);
                return new ConfirmedBody(body, copyId: null);
            default:
                throw new InvalidOperationException($"The exam grain answered {answer} for a copy this api does not hold.");
        }
    }

    public void Dispose() => _copies?.Dispose();
}
