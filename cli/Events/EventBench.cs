using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MockExams.Cli.Load;

namespace MockExams.Cli.Events;

/// <summary>
/// <c>mockexams eventbench</c>: opens many SSE subscribers on one api, runs a booking storm through it, and measures
/// how late each subscriber saw each seat count and whether every one ended on the exam's final count.
/// </summary>
public sealed class EventBench(HttpClient api, HttpClient streams, HttpClient sandbox, Action<string> progress)
{
    public async Task<EventBenchReport> RunAsync(EventBenchSettings settings, CancellationToken cancellationToken)
    {
        progress($"creating {settings.Exams} exams × {settings.Capacity} seats and {settings.Bookings} students");
        var exams = await LoadSetup.ParallelAsync(settings.Exams, 8, _ => LoadSetup.CreateExamAsync(api, "EventBench", settings.Capacity, attempts: 10, cancellationToken));
        var contacts = await LoadSetup.ParallelAsync(settings.Bookings, 32, _ => LoadSetup.CreateContactAsync(sandbox, "EventBench", cancellationToken));

        progress($"opening {settings.Subscribers} subscribers");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var subscribers = Enumerable.Range(0, settings.Subscribers).Select(i => new EventSubscriber(exams[i % exams.Count])).ToList();
        var running = subscribers.Select(s => Task.Run(() => s.RunAsync(streams, stop.Token), CancellationToken.None)).ToList();
        await Task.WhenAll(subscribers.Select(s => s.Ready)).WaitAsync(TimeSpan.FromSeconds(120), cancellationToken);
        var connected = subscribers.Count(s => s.Status == 200);

        progress($"{connected} connected; booking {settings.Bookings} seats, {settings.Concurrency} at a time");
        var cpuBefore = ApiCpu(settings.ApiProcessId);
        var answers = new ConcurrentBag<(string Exam, long At, int Status)>();
        var storm = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, settings.Bookings),
            new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var exam = exams[i % exams.Count];
                var status = await BookAsync(exam, contacts[i], token);
                answers.Add((exam, Stopwatch.GetTimestamp(), status));
            });
        storm.Stop();

        progress("waiting for every subscriber to see its exam's final count");
        var finals = new Dictionary<string, int>();
        foreach (var exam in exams)
        {
            var body = await api.GetFromJsonAsync<JsonElement>($"api/mock-exams/{exam}", cancellationToken);
            finals[exam] = body.GetProperty("exam").GetProperty("total_bookings").GetInt32();
        }

        var settle = Stopwatch.StartNew();
        while (subscribers.Any(s => s.Status == 200 && s.LastTotal != finals[s.ExamId]) && settle.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50, cancellationToken);
        }

        var cpuAfter = ApiCpu(settings.ApiProcessId);
        await stop.CancelAsync();
        await Task.WhenAll(running);
        return Summarize(settings, subscribers, connected, answers.ToList(), finals, storm.Elapsed, cpuBefore, cpuAfter);
    }

    private static EventBenchReport Summarize(
        EventBenchSettings settings, List<EventSubscriber> subscribers, int connected, List<(string Exam, long At, int Status)> answers,
        Dictionary<string, int> finals, TimeSpan storm, double? cpuBefore, double? cpuAfter)
    {
        // The k-th 201 answered for an exam (in the order the client read them) is when count k was acknowledged.
        var acknowledged = answers.Where(a => a.Status == 201).GroupBy(a => a.Exam)
            .ToDictionary(g => g.Key, g => g.Select(a => a.At).Order().ToList());
        var latencies = new List<double>();
        long events = 0;
        foreach (var subscriber in subscribers.Where(s => s.Status == 200))
        {
            var counts = subscriber.Counts;
            events += counts.Count;
            var times = acknowledged.GetValueOrDefault(subscriber.ExamId) ?? [];
            for (var k = 1; k <= times.Count; k++)
            {
                var seen = counts.FirstOrDefault(c => c.Total >= k);
                if (seen != default)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(times[k - 1], seen.At).TotalMilliseconds);
                }
            }
        }

        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        var sawFinal = subscribers.Count(s => s.Status == 200 && s.LastTotal == finals[s.ExamId]);
        var violations = new List<string>();
        if (sawFinal != connected)
        {
            violations.Add($"{connected - sawFinal} subscribers did not see their exam's final count within 10 s of the storm's end");
        }

        var cpu = cpuAfter - cpuBefore;
        return new EventBenchReport
        {
            Subscribers = settings.Subscribers,
            SubscribersConnected = connected,
            Refused503 = subscribers.Count(s => s.Status == 503),
            Exams = settings.Exams,
            BookingsAnswered201 = answers.Count(a => a.Status == 201),
            BookingsOther = answers.Count(a => a.Status != 201),
            StormSeconds = Math.Round(storm.TotalSeconds, 3),
            EventsReceived = events,
            LatencySamples = latencies.Count,
            P50Ms = Math.Round(Percentile(0.50), 1),
            P99Ms = Math.Round(Percentile(0.99), 1),
            MaxMs = Math.Round(latencies.LastOrDefault(), 1),
            SawFinalCounts = sawFinal,
            ApiCpuSeconds = cpu is { } seconds ? Math.Round(seconds, 3) : null,
            ApiCpuMicrosecondsPerEvent = cpu is { } total && events > 0 ? Math.Round(total * 1_000_000 / events, 1) : null,
            Violations = violations,
        };
    }

    private async Task<int> BookAsync(string examId, string contactId, CancellationToken cancellationToken)
    {
        using var response = await api.PostAsJsonAsync("api/bookings", LoadSetup.BookingBody("EventBench", examId, contactId), cancellationToken);
        return (int)response.StatusCode;
    }

    /// <summary>User + system CPU seconds of a local process (/proc/{pid}/stat, clock ticks of 1/100 s); null when not given or not Linux.</summary>
    private static double? ApiCpu(int? processId)
    {
        if (processId is not { } pid || !File.Exists($"/proc/{pid}/stat"))
        {
            return null;
        }

        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the command name.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

}
