using System.CommandLine;
using MockExams.Cli.Sync;

namespace MockExams.Cli.Commands;

/// <summary>
/// <c>mockexams backfill</c>: copies every exam and booking from HubSpot into the replica, with a progress bar;
/// resumes an interrupted backfill from its checkpoint. Runs in this process (HubSpot, Postgres and Redis settings
/// from the environment, as ./run.sh writes them), sharing the cluster's HubSpot budget through Redis.
/// </summary>
public sealed class BackfillCommand : Command
{
    public BackfillCommand() : base("backfill", "Copy every exam and booking from HubSpot into the replica (resumable).")
    {
        SetAction((result, cancellationToken) => BackfillRunner.RunAsync(cancellationToken));
    }
}
