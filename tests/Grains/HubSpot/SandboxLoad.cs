namespace MockExams.Tests.Grains.HubSpot;

/// <summary>
/// Tests that load a sandbox for many seconds (budget, faults, 25,000 records) run one at a time,
/// so one's CPU use does not distort another's timing on a small machine.
/// </summary>
public static class SandboxLoad
{
    public const string Collection = "HubSpot sandbox load";
}
