using System.Text.Json;
using MockExams.Sandbox.Configuration;
using MockExams.Sandbox.Crm;
using MockExams.Sandbox.Http;

namespace MockExams.Sandbox.Persistence;

/// <summary>
/// Keeps the records in a JSON file across restarts (--data / Sandbox__DataFile): loaded before the
/// first request, written every SaveIntervalMs when something changed, and once more at shutdown.
/// </summary>
public sealed partial class DataFileService(CrmStore store, SandboxConfig config, ILogger<DataFileService> logger) : BackgroundService
{
    private readonly string? _path = config.Current.DataFile;
    private long _savedVersion = -1;

    public void Load()
    {
        if (_path is null || !File.Exists(_path))
        {
            return;
        }

        var snapshot = JsonSerializer.Deserialize<StoreSnapshot>(File.ReadAllText(_path), SandboxJson.Options)
            ?? throw new InvalidDataException($"{_path} holds no sandbox data");
        store.Import(snapshot);
        _savedVersion = store.Version;
        LogLoaded(logger, snapshot.Records.Count, _path);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Save();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_path is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(100, config.Current.SaveIntervalMs)));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Save();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // StopAsync writes the last state.
        }
    }

    private void Save()
    {
        var version = store.Version;
        if (_path is null || version == _savedVersion)
        {
            return;
        }

        // Write beside and rename, so a crash mid-write never leaves half a file.
        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(store.Export(), SandboxJson.Options));
        File.Move(temporary, _path, overwrite: true);
        _savedVersion = version;
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Loaded {Count} records from {Path}")]
    private static partial void LogLoaded(ILogger logger, int count, string path);
}
