using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using MockExams.Cli.Bench;

namespace MockExams.Tests.Cli.Bench;

/// <summary>readbench's own HTTP/1.1 connection: it reads whole answers, keeps one connection, and names what it cannot read.</summary>
public sealed class BenchConnectionTests : IAsyncLifetime
{
    private const int BodyBytes = 30_424;
    private const string Token = "the-token";

    private readonly ConcurrentDictionary<string, int> _connections = new();
    private readonly ConcurrentBag<string?> _authorizations = [];
    private WebApplication? _server;
    private Uri _api = null!;   // set by InitializeAsync, before any test

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.Use(async (context, next) =>
        {
            _connections.AddOrUpdate(context.Connection.Id, 1, (_, count) => count + 1);
            _authorizations.Add(context.Request.Headers.Authorization);
            await next(context);
        });
        var body = Encoding.ASCII.GetBytes(new string('x', BodyBytes));
        _server.MapGet("/bytes", () => Results.Bytes(body, "application/json"));
        _server.MapGet("/closing", (HttpContext context) =>
        {
            context.Response.Headers.Connection = "close";
            return Results.Bytes(body, "application/json");
        });
        await _server.StartAsync(TestContext.Current.CancellationToken);
        _api = new Uri(_server.Urls.Single());
    }

    [Fact]
    public async Task ManyRequests_AllAnsweredWhole_OverOneConnection_WithTheToken()
    {
        using var connection = new BenchConnection(BenchConnection.EndPointOf(_api));
        var get = BenchConnection.Get(_api, "/bytes", Token);

        for (var i = 0; i < 200; i++)
        {
            Assert.Equal((200, BodyBytes), await connection.SendAsync(get, TestContext.Current.CancellationToken));
        }

        Assert.Equal(200, Assert.Single(_connections).Value);
        Assert.All(_authorizations, authorization => Assert.Equal($"Bearer {Token}", authorization));
    }

    [Fact]
    public async Task UnknownPath_ReadsThe404AndItsBody_AndTheConnectionGoesOn()
    {
        using var connection = new BenchConnection(BenchConnection.EndPointOf(_api));

        var (status, _) = await connection.SendAsync(BenchConnection.Get(_api, "/nowhere", Token), TestContext.Current.CancellationToken);
        var next = await connection.SendAsync(BenchConnection.Get(_api, "/bytes", Token), TestContext.Current.CancellationToken);

        Assert.Equal(404, status);
        Assert.Equal((200, BodyBytes), next);
    }

    [Fact]
    public async Task ServerClosesAfterAnAnswer_TheNextRequestOpensANewConnection()
    {
        using var connection = new BenchConnection(BenchConnection.EndPointOf(_api));

        await connection.SendAsync(BenchConnection.Get(_api, "/closing", Token), TestContext.Current.CancellationToken);
        var next = await connection.SendAsync(BenchConnection.Get(_api, "/bytes", Token), TestContext.Current.CancellationToken);

        Assert.Equal((200, BodyBytes), next);
        Assert.Equal(2, _connections.Count);
    }

    [Fact]
    public async Task LoadRun_ClosedLoop_CountsEveryAnswerTheServerGave_OneLatencyEach()
    {
        var result = await LoadAsync(TimeSpan.FromMilliseconds(300), BodyBytes);

        Assert.True(result.Requests > 0);
        Assert.Equal(0, result.Errors);
        Assert.Equal(result.Requests, result.SortedLatencyTicks.Length);
        Assert.Equal(result.Requests, _connections.Values.Sum());   // the server answered exactly what was counted
        Assert.Equal(4, _connections.Count);                        // one keep-alive connection per worker
        Assert.Equal(result.SortedLatencyTicks.Order(), result.SortedLatencyTicks);
    }

    [Fact]
    public async Task LoadRun_Paced_SendsNoMoreThanTheSchedule_AndCountsWrongLengthsAsErrors()
    {
        // 200 requests/s over 4 connections for 0.5 s: each sends every 20 ms, 25 times, then stops.
        var result = await LoadAsync(TimeSpan.FromMilliseconds(500), expectedLength: BodyBytes + 1, rate: 200);

        Assert.InRange(result.Requests, 1, 100);
        Assert.Equal(result.Requests, _connections.Values.Sum());
        Assert.Equal(result.Requests, result.Errors);   // every answer was 1 byte shorter than expected
    }

    [Fact]
    public void AfterSleep_OnTime_CountsFromTheSlot_WithNoLag()
    {
        Assert.Equal((1_000L, 0L), LoadRun.AfterSleep(slot: 1_000, woke: 1_000));
        Assert.Equal((1_000L, 0L), LoadRun.AfterSleep(slot: 1_000, woke: 990));   // a hair early: still the slot
    }

    [Fact]
    public void TimerWokeLate_TheCatchUpRequestsAreNotChargedTheClientsLag_ButASlowAnswerStillIs()
    {
        // Slots every 80 ticks. The timer woke the worker 410 ticks late: that request counts from the wake-up.
        var (countFrom, lag) = LoadRun.AfterSleep(slot: 1_000, woke: 1_410);
        Assert.Equal((1_410L, 410L), (countFrom, lag));

        // Its answer came 10 ticks later; the next slot (1_080) is long past. Only the client was late: it counts
        // from when it could send, not from the slot (which would charge the target 340 ticks it did not take).
        Assert.Equal(1_420L, LoadRun.WhenLate(slot: 1_080, ready: 1_420, lag));

        // Later in the catch-up, an answer took 500 ticks: the wait beyond the client's lag counts from the slot + lag.
        Assert.Equal(1_810L, LoadRun.WhenLate(slot: 1_400, ready: 2_000, lag));

        // With no lag of the client's, a late send counts from its slot, as before.
        Assert.Equal(1_080L, LoadRun.WhenLate(slot: 1_080, ready: 1_420, lag: 0));
    }

    [Fact]
    public void ReadHead_HeaderNamesInAnyCase_AreRead()
    {
        var head = "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 17\r\nCONNECTION: Close\r\nRetry-After: 1"u8;

        Assert.Equal((503, 17L, true), BenchConnection.ReadHead(head));
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked", "chunked")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: application/json", "no Content-Length")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -4", "Bad Content-Length")]
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length: 4", "status line")]
    [InlineData("HTTP/1.1 2x0 OK\r\nContent-Length: 4", "status line")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon here", "header line")]
    public void ReadHead_WhatItCannotRead_IsAProtocolErrorSayingWhy(string head, string why)
    {
        var error = Assert.Throws<BenchProtocolException>(() => BenchConnection.ReadHead(Encoding.ASCII.GetBytes(head)));

        Assert.Contains(why, error.Message);
    }

    [Fact]
    public void EndPointOf_Https_IsRefused()
    {
        Assert.Throws<ReadBenchException>(() => BenchConnection.EndPointOf(new Uri("https://127.0.0.1:5443")));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 5080), BenchConnection.EndPointOf(new Uri("http://127.0.0.1:5080")));
    }

    /// <summary>A <see cref="LoadRun"/> of <c>GET /bytes</c> over 4 connections of its own.</summary>
    private async Task<LoadResult> LoadAsync(TimeSpan duration, long expectedLength, double? rate = null)
    {
        var connections = Enumerable.Range(0, 4).Select(_ => new BenchConnection(BenchConnection.EndPointOf(_api))).ToList();
        try
        {
            return await LoadRun.RunAsync(connections, BenchConnection.Get(_api, "/bytes", Token), duration, expectedLength,
                TestContext.Current.CancellationToken, rate);
        }
        finally
        {
            connections.ForEach(connection => connection.Dispose());
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
