using System.Diagnostics;
using System.Text.Json;

namespace MockExams.Cli.Budget;

/// <summary>
/// One worker process started by the coordinator: this same executable with <c>budgetbench --worker</c>, talking
/// over its standard input and output (<c>ready</c>, <c>go</c>, then one JSON line of counts).
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _errors;

    private WorkerProcess(Process process)
    {
        _process = process;
        _errors = process.StandardError.ReadToEndAsync();
    }

    public static WorkerProcess Start(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Run as `dotnet mockexams.dll` the process is the dotnet host, which needs the assembly; the apphost does not.
        var self = Environment.ProcessPath ?? throw new BudgetBenchException("Cannot tell which executable this is, to start workers.");
        start.FileName = self;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(WorkerProcess).Assembly.Location);
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        return new WorkerProcess(Process.Start(start) ?? throw new BudgetBenchException($"Could not start {self}."));
    }

    public int Id => _process.Id;

    public async Task ReadyAsync(CancellationToken cancellationToken)
    {
        var line = await _process.StandardOutput.ReadLineAsync(cancellationToken);
        if (line != BudgetBenchWorker.Ready)
        {
            throw await FailedAsync($"did not get ready (said '{line}')");
        }
    }

    public async Task GoAsync()
    {
        await _process.StandardInput.WriteLineAsync(BudgetBenchWorker.Go);
        await _process.StandardInput.FlushAsync();
    }

    public async Task<IReadOnlyList<LaneCounts>> CountsAsync(CancellationToken cancellationToken)
    {
        var line = await _process.StandardOutput.ReadLineAsync(cancellationToken);
        await _process.WaitForExitAsync(cancellationToken);
        if (line is null || _process.ExitCode != ExitCodes.Ok)
        {
            throw await FailedAsync($"exited with {_process.ExitCode}");
        }
        return JsonSerializer.Deserialize<List<LaneCounts>>(line) ?? throw await FailedAsync("reported nothing");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }
        _process.Dispose();
    }

    private async Task<BudgetBenchException> FailedAsync(string what)
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }
        var errors = await _errors;
        return new BudgetBenchException($"Worker process {_process.Id} {what}. {errors.Trim()}");
    }
}
