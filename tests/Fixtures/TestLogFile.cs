using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MockExams.Tests.Fixtures;

/// <summary>
/// For tracing a test by hand: with <c>MOCKEXAMS_TEST_LOG_FILE</c> set, every silo of a fixture also writes its log
/// (at the levels the usual <c>Logging__LogLevel__*</c> variables choose) to that file, each line stamped with the time
/// and the silo's name. Off by default; the test runner shows no console output of the silos.
/// </summary>
internal static class TestLogFile
{
    private static readonly string? Path = Environment.GetEnvironmentVariable("MOCKEXAMS_TEST_LOG_FILE");
    private static readonly Lock Gate = new();

    public static void AddTo(ILoggingBuilder logging, string source)
    {
        if (Path is not null)
        {
            logging.Services.AddSingleton<ILoggerProvider>(new Provider(source));
        }
    }

    private static void Write(string line)
    {
        lock (Gate)
        {
            File.AppendAllText(Path!, line + Environment.NewLine);
        }
    }

    private sealed class Provider(string source) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new FileLogger(source, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class FileLogger(string source, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var error = exception is null ? "" : $" | {exception.GetType().Name}: {exception.Message}";
            Write($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {source} {logLevel} {category}: {formatter(state, exception)}{error}");
        }
    }
}
