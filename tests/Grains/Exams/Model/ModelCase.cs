using CsCheck;

namespace MockExams.Tests.Grains.Exams.Model;

/// <summary>
/// One generated run: exams with small capacities, bursts of writes sent together (so several share one linger
/// window), the faults HubSpot injects meanwhile, and whether a silo is killed (and replaced) during the second burst.
/// </summary>
public sealed record ModelCase(int[] Capacities, ModelOp[][] Bursts, ModelFaults Faults, bool KillSilo)
{
    public override string ToString() =>
        $"capacities [{string.Join(", ", Capacities)}]; faults: {Faults}; {(KillSilo ? "a silo is killed in burst 2; " : "")}bursts: "
        + string.Join(" | ", Bursts.Select(b => string.Join(", ", b)));

    public static Gen<ModelCase> Generator(bool kills) =>
        Gen.Frequency((4, 1), (2, 2), (1, 3)).Array[2, 3].SelectMany(capacities => Gen.Select(
            Op(capacities.Length).Array[2, 6].Array[2, 5],
            FaultsGen,
            kills ? Gen.Int[0, 2].Select(i => i == 0) : Gen.Const(false),
            (bursts, faults, kill) => new ModelCase(capacities, bursts, faults, kill)));

    private static Gen<ModelOp> Op(int exams)
    {
        var exam = Gen.Int[0, exams - 1];
        return Gen.Frequency(
            (8, Gen.Select(exam, Gen.Int[0, 5], (e, again) => (ModelOp)new BookOp(e, again == 0))),
            (5, Gen.Select(exam, Gen.Int[0, 5], (e, pick) => (ModelOp)new CancelOp(e, pick))),
            (1, Gen.Select(exam, Gen.Int[0, 5].Array[2, 3], (e, picks) => (ModelOp)new BatchCancelOp(e, picks))),
            (2, Gen.Select(exam, Gen.Int[1, 3], (e, capacity) => (ModelOp)new CapacityOp(e, capacity))),
            (1, Gen.Select(exam, Gen.Bool, (e, active) => (ModelOp)new ActiveOp(e, active))),
            (1, exam.Select(e => (ModelOp)new ArchiveOp(e))));
    }

    // Timeouts are rare: each costs the HubSpot client's whole timeout (2 s, retried once).
    private static readonly Gen<ModelFaults> FaultsGen = Gen.Select(
        Gen.Int[0, 3], Gen.Int[0, 1], Gen.Int[0, 2], Gen.Int[0, 3], Gen.Int[0, 2],
        Gen.OneOf("", "", "bookings/batch/update", "bookings/batch/update", "batch/update,batch/archive"),
        (errors, timeouts, late, refusals, limits, paths) =>
            new ModelFaults(errors * 0.15, timeouts * 0.05, late * 0.1, refusals * 0.15, limits * 0.1, paths));
}
