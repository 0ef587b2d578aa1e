using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MockExams.Cli.Tokens;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Api.Problems;

/// <summary>
/// A request body that ends before its Content-Length, or a chunked body cut mid-way (a client that crashed or a
/// proxy that gave up, seen once in a chaos run as a 500): the api answers 400 problem details, or, when the client is
/// gone, answers nothing. Never a 500, never an error in the log.
/// </summary>
public sealed class CutShortBodyTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, bool> Cuts() => new()
    {
        { "/api/bookings", "length", false },
        { "/api/bookings", "length", true },
        { "/api/bookings", "chunked", false },
        { "/api/bookings", "chunked", true },
        { "/api/mock-exams", "length", false },
        { "/api/mock-exams", "chunked", true },
        { "/api/bookings/batch-cancel", "length", false },
        { "/api/bookings/batch-cancel", "chunked", false },
        { "/api/bookings/batch-cancel", "length", true },
        { "/webhooks/hubspot", "length", false },
        { "/webhooks/hubspot", "chunked", true },
    };

    /// <param name="framing">"length": Content-Length larger than what is sent; "chunked": a chunk cut mid-way.</param>
    /// <param name="reset">true: the client resets the connection; false: it closes its sending side and waits.</param>
    [Theory]
    [MemberData(nameof(Cuts))]
    public async Task BodyCutShort_Is400OrNoAnswer_NeverA500(string path, string framing, bool reset)
    {
        var logs = new CapturedLogs();
        await using var api = fixture.StartAnotherApi(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",   // "Request finished ... 500"
        });
        var port = FreePort.Next();
        api.UseKestrel(port);
        api.StartServer();
        api.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);

        var token = DevTokens.Create(ClusterFixture.JwtSecret, DevTokens.DefaultIssuer, "authenticated",
            ["bookings.manage", "exams.edit", "exams.view"], TimeSpan.FromHours(1));
        const string partial = "{\"mock_exam_id\":\"12345\",\"booking_ids\":[\"1\",\"2\"],\"student_na";
        var head = new StringBuilder()
            .Append("POST ").Append(path).Append(" HTTP/1.1\r\n")
            .Append("Host: 127.0.0.1:").Append(port).Append("\r\n")
            .Append("Authorization: Bearer ").Append(token).Append("\r\n")
            .Append("Content-Type: application/json\r\n")
            .Append(framing == "length" ? "Content-Length: 4000\r\n" : "Transfer-Encoding: chunked\r\n")
            .Append("\r\n")
            .Append(framing == "length" ? partial : $"{4000:x}\r\n{partial}")
            .ToString();

        string answer;
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await socket.ConnectAsync("127.0.0.1", port, Token);
            await socket.SendAsync(Encoding.ASCII.GetBytes(head), SocketFlags.None, Token);
            await Task.Delay(200, Token);   // the server is reading the body by now
            if (reset)
            {
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
                answer = "";
            }
            else
            {
                socket.Shutdown(SocketShutdown.Send);
                answer = await ReadAllAsync(socket);
            }
        }

        // The server finishes the request after the client is gone; give it the time to log how it ended.
        await WriteScenarioDelayAsync(logs);

        var status = answer.Length == 0 ? "no answer" : answer[..answer.IndexOf('\r', StringComparison.Ordinal)];
        Assert.True(answer.Length == 0 || answer.StartsWith("HTTP/1.1 400", StringComparison.Ordinal), $"{path} {framing}: {status}");
        if (answer.Length > 0)
        {
            Assert.Contains("application/problem+json", answer, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Empty(logs.Errors);
        Assert.DoesNotContain(logs.FinishedStatuses, code => code >= 500);
        Assert.NotEmpty(logs.FinishedStatuses);   // the capture works: the server finished the request
    }

    /// <summary>
    /// A client that sends part of its body and then nothing (or a starved server that reads it too slowly): Kestrel's
    /// minimum body data rate ends the wait. The answer is a 4xx (400, or 408 for the timeout) or none, never a 500.
    /// </summary>
    [Theory]
    [InlineData("/api/bookings")]
    [InlineData("/webhooks/hubspot")]
    public async Task BodyStalls_Is4xxOrNoAnswer_NeverA500(string path)
    {
        var logs = new CapturedLogs();
        await using var api = fixture.StartAnotherApi(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        var port = FreePort.Next();
        api.UseKestrel(port);
        api.StartServer();
        api.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        var token = DevTokens.Create(ClusterFixture.JwtSecret, DevTokens.DefaultIssuer, "authenticated",
            ["bookings.manage", "exams.edit", "exams.view"], TimeSpan.FromHours(1));

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", port, Token);
        await socket.SendAsync(Encoding.ASCII.GetBytes(
            $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\n"
            + "Content-Type: application/json\r\nContent-Length: 4000\r\n\r\n{\"mock_exam_id\":\"1"), SocketFlags.None, Token);
        var answer = await ReadAllAsync(socket);
        await WriteScenarioDelayAsync(logs);

        var status = answer.Length == 0 ? "no answer" : answer[..answer.IndexOf('\r', StringComparison.Ordinal)];
        Assert.True(answer.Length == 0 || answer.StartsWith("HTTP/1.1 4", StringComparison.Ordinal), $"{path}: {status}");
        Assert.Empty(logs.Errors);
        Assert.DoesNotContain(logs.FinishedStatuses, code => code >= 500);
    }

    private static async Task WriteScenarioDelayAsync(CapturedLogs logs)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (logs.FinishedStatuses.IsEmpty && !timeout.IsCancellationRequested)
        {
            await Task.Delay(50, CancellationToken.None);
        }

        await Task.Delay(300, CancellationToken.None);
    }

    private static async Task<string> ReadAllAsync(Socket socket)
    {
        var buffer = new byte[16 * 1024];
        var text = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
            {
                text.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }
        catch (SocketException)
        {
            // The server reset the connection: no answer beyond what arrived.
        }

        return text.ToString();
    }

    /// <summary>Every Error log of the api, and the status of every request the host finished.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Errors { get; } = new();

        public ConcurrentQueue<int> FinishedStatuses { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLogs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Error)
                {
                    owner.Errors.Enqueue($"{category}: {formatter(state, exception)} {exception}");
                }

                if (category == "Microsoft.AspNetCore.Hosting.Diagnostics" && state is IReadOnlyList<KeyValuePair<string, object?>> values
                    && values.FirstOrDefault(pair => pair.Key == "StatusCode").Value is int code)
                {
                    owner.FinishedStatuses.Enqueue(code);
                }
            }
        }
    }
}
