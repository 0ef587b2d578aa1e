using System.CommandLine;
using MockExams.Cli.Commands;

var root = new RootCommand("mockexams: operate and load-test the MockExams booking back end.")
{
    new TokenCommand(),
    new ReadBenchCommand(),
    new StormCommand(),
    new EventBenchCommand(),
    new BudgetBenchCommand(),
    new BackfillCommand(),
    new SyncCommand(),
    new ReconcileCommand(),
    new ChaosCommand(),
};
return await root.Parse(args).InvokeAsync();
