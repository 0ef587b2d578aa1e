using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace MockExams.Cli.Events;

/// <summary>One benchmark subscriber: an SSE stream of one exam, recording when each seat count arrived.</summary>
public sealed class EventSubscriber(string examId)
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private readonly List<(long At, int Total)> _counts = [];

    public string ExamId { get; } = examId;

    public Task Ready => _ready.Task;

    public int? Status { get; private set; }

    public int LastTotal
    {
        get
        {
            lock (_lock)
            {
                return _counts is [.., var last] ? last.Total : -1;
            }
        }
    }

    /// <summary>Each seat count seen, with the Stopwatch timestamp of its arrival.</summary>
    public IReadOnlyList<(long At, int Total)> Counts
    {
        get
        {
            lock (_lock)
            {
                return [.. _counts];
            }
        }
    }

    public async Task RunAsync(HttpClient api, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/mock-exams/{Uri.EscapeDataString(ExamId)}/events");
            using var response = await api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            Status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                _ready.TrySetResult();
                return;
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            await foreach (var item in SseParser.Create(body).EnumerateAsync(cancellationToken))
            {
                if (item.EventType == "ready")
                {
                    _ready.TrySetResult();
                }
                else if (item.EventType == "exam")
                {
                    using var data = JsonDocument.Parse(item.Data);
                    var total = data.RootElement.GetProperty("total_bookings").GetInt32();
                    lock (_lock)
                    {
                        _counts.Add((Stopwatch.GetTimestamp(), total));
                    }
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
            // The run is over, or the stream broke (counted as not seeing the final counts).
        }
        finally
        {
            _ready.TrySetResult();
        }
    }
}
