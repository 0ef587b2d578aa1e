using Microsoft.Extensions.Hosting;

namespace MockExams.Grains.Cache;

/// <summary>
/// Subscribes the process to cache invalidations as it starts, before its grains serve reads, so exam grains may
/// keep in-memory copies from their first read on.
/// </summary>
internal sealed class CacheInvalidationListener(ExamCache cache) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => cache.ListenAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
