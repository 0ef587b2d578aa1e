using System.CommandLine;
using MockExams.Cli.Sync;

namespace MockExams.Cli.Commands;

/// <summary>
/// <c>mockexams sync [--type exams|bookings --exam-id ID]</c>: the seed's force sync, through the api (and so the exam
/// grains). <c>sync wait --timeout N</c>: waits until the first backfill has finished. <c>sync status</c>: where sync stands.
/// </summary>
public sealed class SyncCommand : Command
{
    private readonly ApiConnection _api = new();

    private readonly Option<string> _type = new("--type")
    {
        Description = "exams: every exam; bookings: one exam and its bookings (with --exam-id).",
        DefaultValueFactory = _ => "exams",
    };

    private readonly Option<string?> _examId = new("--exam-id") { Description = "The HubSpot id of the exam to sync (with --type bookings)." };

    public SyncCommand() : base("sync", "Force a sync of the replica from HubSpot (the seed's force-supabase), or wait for / show sync.")
    {
        _type.AcceptOnlyFromAmong("exams", "bookings");
        Options.Add(_type);
        Options.Add(_examId);
        _api.AddTo(this);
        Subcommands.Add(new SyncWaitCommand());
        Subcommands.Add(new SyncStatusCommand());
        SetAction((result, cancellationToken) =>
            SyncCommands.ForceAsync(_api, result, result.GetValue(_type)!, result.GetValue(_examId), cancellationToken));
    }
}

/// <summary><c>mockexams sync wait --timeout N</c>: exit 0 once the first backfill has finished (reads the replica's sync_state).</summary>
public sealed class SyncWaitCommand : Command
{
    private readonly Option<int> _timeout = new("--timeout")
    {
        Description = "Seconds to wait before giving up (exit code 5).",
        DefaultValueFactory = _ => 600,
    };

    public SyncWaitCommand() : base("wait", "Wait until the first backfill of the replica has finished.")
    {
        Options.Add(_timeout);
        SetAction((result, cancellationToken) => SyncCommands.WaitAsync(TimeSpan.FromSeconds(result.GetValue(_timeout)), cancellationToken));
    }
}

/// <summary><c>mockexams sync status</c>: the api's sync status as a table.</summary>
public sealed class SyncStatusCommand : Command
{
    private readonly ApiConnection _api = new();

    public SyncStatusCommand() : base("status", "Show where the replica stands against HubSpot.")
    {
        _api.AddTo(this);
        SetAction((result, cancellationToken) => SyncCommands.StatusAsync(_api, result, cancellationToken));
    }
}
