using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace MockExams.Cli.Bench;

/// <summary>
/// One keep-alive HTTP/1.1 connection of <c>readbench</c>, sending a prepared GET again and again and reading each
/// answer to its end, with no allocation per request. HttpClient cost the benchmark about half of one of the machine's
/// two cores, taken from the api it measures, and its own scheduling delays showed up as the api's tail latency
/// (docs/BENCHMARKS.md); wrk shows what a lean client sees. Plain http only, answers framed by Content-Length (what
/// Kestrel sends for a byte body); anything else is a <see cref="BenchProtocolException"/>. After any failure the
/// connection is closed and the next request opens a new one.
/// </summary>
public sealed class BenchConnection(EndPoint endPoint) : IDisposable
{
    private const int BufferBytes = 64 * 1024;
    private static ReadOnlySpan<byte> HeaderEnd => "\r\n\r\n"u8;

    private readonly byte[] _buffer = new byte[BufferBytes];
    private Socket? _socket;

    /// <summary>The bytes of <c>GET path</c> with the bearer token, to send as they are.</summary>
    public static byte[] Get(Uri api, string path, string token) =>
        Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {api.Authority}\r\nAuthorization: Bearer {token}\r\n\r\n");

    public static EndPoint EndPointOf(Uri api) =>
        api.Scheme == Uri.UriSchemeHttp
            ? IPAddress.TryParse(api.Host.Trim('[', ']'), out var address)
                ? new IPEndPoint(address, api.Port)
                : new DnsEndPoint(api.Host, api.Port)
            : throw new ReadBenchException($"readbench drives plain http, not {api.Scheme}: give the api's http address.");

    /// <summary>Sends <paramref name="request"/> and reads the whole answer: its status and body length.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]   // no state machine allocated per request
    public async ValueTask<(int Status, long BodyBytes)> SendAsync(byte[] request, CancellationToken cancellationToken)
    {
        try
        {
            if (_socket is null)
            {
                _socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await _socket.ConnectAsync(endPoint, cancellationToken);
            }

            await _socket.SendAsync(request, SocketFlags.None, cancellationToken);
            return await ReceiveAsync(_socket, cancellationToken);
        }
        catch
        {
            Close();
            throw;
        }
    }

    public void Dispose() => Close();

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(int Status, long BodyBytes)> ReceiveAsync(Socket socket, CancellationToken cancellationToken)
    {
        var filled = 0;
        int headerLength;
        while ((headerLength = _buffer.AsSpan(0, filled).IndexOf(HeaderEnd)) < 0)
        {
            if (filled == _buffer.Length)
            {
                throw new BenchProtocolException($"The response headers are longer than {BufferBytes} bytes.");
            }

            filled += await ReceiveSomeAsync(socket, _buffer.AsMemory(filled), cancellationToken);
        }

        var (status, contentLength, close) = ReadHead(_buffer.AsSpan(0, headerLength));
        var remaining = contentLength - (filled - headerLength - HeaderEnd.Length);
        while (remaining > 0)
        {
            remaining -= await ReceiveSomeAsync(socket, _buffer.AsMemory(0, (int)Math.Min(remaining, _buffer.Length)), cancellationToken);
        }

        if (remaining < 0)
        {
            throw new BenchProtocolException("The server sent more than Content-Length bytes.");
        }

        if (close)
        {
            Close();
        }

        return (status, contentLength);
    }

    private static async ValueTask<int> ReceiveSomeAsync(Socket socket, Memory<byte> into, CancellationToken cancellationToken)
    {
        var read = await socket.ReceiveAsync(into, SocketFlags.None, cancellationToken);
        return read > 0 ? read : throw new BenchProtocolException("The server closed the connection mid-response.");
    }

    /// <summary>Status line and the headers that frame the body: Content-Length (required) and Connection.</summary>
    internal static (int Status, long ContentLength, bool Close) ReadHead(ReadOnlySpan<byte> head)
    {
        var lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = lineEnd < 0 ? head : head[..lineEnd];
        if (!statusLine.StartsWith("HTTP/1.1 "u8) || statusLine.Length < 12
            || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out var consumed) || consumed != 3)
        {
            throw new BenchProtocolException($"Not an HTTP/1.1 status line: '{Encoding.ASCII.GetString(statusLine)}'.");
        }

        long? contentLength = null;
        var close = false;
        var rest = lineEnd < 0 ? [] : head[(lineEnd + 2)..];
        while (!rest.IsEmpty)
        {
            lineEnd = rest.IndexOf("\r\n"u8);
            var line = lineEnd < 0 ? rest : rest[..lineEnd];
            rest = lineEnd < 0 ? [] : rest[(lineEnd + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                throw new BenchProtocolException($"Not a header line: '{Encoding.ASCII.GetString(line)}'.");
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                contentLength = Utf8Parser.TryParse(value, out long length, out var used) && used == value.Length && length >= 0
                    ? length
                    : throw new BenchProtocolException($"Bad Content-Length '{Encoding.ASCII.GetString(value)}'.");
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                throw new BenchProtocolException("The server sent a chunked body; readbench reads Content-Length bodies only.");
            }
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8) && Ascii.EqualsIgnoreCase(value, "close"u8))
            {
                close = true;
            }
        }

        return (status, contentLength ?? throw new BenchProtocolException("The response has no Content-Length."), close);
    }

    private void Close()
    {
        _socket?.Dispose();
        _socket = null;
    }
}
