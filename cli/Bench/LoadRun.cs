using System.Diagnostics;
using System.Net;

namespace MockExams.Cli.Bench;

/// <summary>
/// Closed-loop HTTP load: N workers, one keep-alive connection each, each sending its next GET as soon as the
/// previous answer is read to the end. A response counts as an error unless it is 200 with the expected length.
/// </summary>
public static class LoadRun
{
    public static async Task<LoadResult> RunAsync(
        HttpClient http, string path, int connections, TimeSpan duration, long expectedLength, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var stopAt = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, connections)
            .Select(_ => Task.Run(() => WorkAsync(http, path, stopAt, expectedLength, cancellationToken), cancellationToken))
            .ToArray();
        var results = await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);

        var latencies = results.SelectMany(result => result.Latencies).ToArray();
        Array.Sort(latencies);
        return new LoadResult(latencies.Length, results.Sum(result => result.Errors), elapsed, latencies);
    }

    private static async Task<(List<long> Latencies, long Errors)> WorkAsync(
        HttpClient http, string path, long stopAt, long expectedLength, CancellationToken cancellationToken)
    {
        var latencies = new List<long>(capacity: 64 * 1024);
        var buffer = new byte[64 * 1024];
        long errors = 0;
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            var start = Stopwatch.GetTimestamp();
            long length = 0;
            HttpStatusCode status;
            try
            {
                using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                status = response.StatusCode;
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    length += read;
                }
            }
            catch (HttpRequestException)
            {
                errors++;
                continue;
            }

            latencies.Add(Stopwatch.GetTimestamp() - start);
            if (status != HttpStatusCode.OK || length != expectedLength)
            {
                errors++;
            }
        }

        return (latencies, errors);
    }
}
