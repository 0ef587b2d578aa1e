using System.CommandLine;
using MockExams.Cli.Sync;

namespace MockExams.Cli.Commands;

/// <summary>
/// <c>mockexams reconcile [--repair]</c>: compares every HubSpot record with the replica (in the sync grain, through the
/// api), prints the drift, and with --repair fixes it through the exam grains. Exit 1 when drift remains.
/// </summary>
public sealed class ReconcileCommand : Command
{
    private readonly ApiConnection _api = new();

    private readonly Option<bool> _repair = new("--repair") { Description = "Repair what is found (through the exam grains)." };

    private readonly Option<int> _timeout = new("--timeout")
    {
        Description = "Seconds to wait for the run to finish.",
        DefaultValueFactory = _ => 3600,
    };

    public ReconcileCommand() : base("reconcile", "Compare HubSpot with the replica: missing, extra, stale and archived-but-live rows.")
    {
        Options.Add(_repair);
        Options.Add(_timeout);
        _api.AddTo(this);
        SetAction((result, cancellationToken) => ReconcileRunner.RunAsync(
            _api, result, result.GetValue(_repair), TimeSpan.FromSeconds(result.GetValue(_timeout)), cancellationToken));
    }
}
