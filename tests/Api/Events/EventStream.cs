using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Threading.Channels;

namespace MockExams.Tests.Api.Events;

/// <summary>A test's client of one SSE stream: every event it receives, in order, with the time it arrived.</summary>
public sealed class EventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<ReceivedEvent> _events = Channel.CreateUnbounded<ReceivedEvent>();
    private readonly Task _reading;

    private EventStream(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reading = ReadAsync(body);
    }

    public string? LastEventId { get; private set; }

    /// <summary>Opens the stream; fails the test unless the api answered 200 text/event-stream.</summary>
    public static async Task<EventStream> OpenAsync(HttpClient client, string path, string? lastEventId = null)
    {
        var response = await SendAsync(client, path, lastEventId);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new EventStream(response, await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
    }

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
    }

    /// <summary>The next event of <paramref name="type"/> that satisfies <paramref name="match"/> (others are skipped), within <paramref name="seconds"/>.</summary>
    public async Task<ReceivedEvent> NextAsync(string type, Func<JsonElement, bool>? match = null, int seconds = 15)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            while (true)
            {
                var received = await _events.Reader.ReadAsync(timeout.Token);
                if (received.Type == type && (match is null || match(received.Data)))
                {
                    return received;
                }
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"No '{type}' event as expected within {seconds} s.");
            throw;
        }
        catch (ChannelClosedException)
        {
            Assert.Fail($"The stream ended before a '{type}' event as expected.");
            throw;
        }
    }

    /// <summary>The events up to and including <c>ready</c> (what the stream sends on connect).</summary>
    public async Task<IReadOnlyList<ReceivedEvent>> InitialAsync()
    {
        var events = new List<ReceivedEvent>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        while (true)
        {
            var received = await _events.Reader.ReadAsync(timeout.Token);
            events.Add(received);
            if (received.Type == "ready")
            {
                return events;
            }
        }
    }

    private async Task ReadAsync(Stream body)
    {
        try
        {
            var parser = SseParser.Create(body);
            await foreach (var item in parser.EnumerateAsync(_stop.Token))
            {
                LastEventId = parser.LastEventId;
                var data = item.Data.Length == 0 ? default : JsonDocument.Parse(item.Data).RootElement.Clone();
                await _events.Writer.WriteAsync(new ReceivedEvent(item.EventType, item.EventId, item.Data, data, DateTimeOffset.UtcNow));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
            // The test closed the stream, or the api ended it.
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        await _reading;
        _stop.Dispose();
    }
}
