using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MockExams.Grains.HubSpot;

namespace MockExams.Grains.Exams;

/// <summary>
/// The silo's shared writer of the exam grains' booking writes: the creates (and the cancels) that each exam grain
/// has decided and journaled are merged with other exams' into batch calls of up to 100 inputs, and each result goes
/// back to its exam. Exam creation (<see cref="ExamCreatorGrain"/>) shares it too. HubSpot's budget, not CPU, bounds booking throughput, so bookings per call is what counts.
/// One per silo rather than one per cluster: no extra grain hop or single point of failure on the write path, and the
/// budget it spends is still the cluster's one shared bucket; with N silos a rush costs at most N partly filled calls
/// more. Exam grains stay the single writers: admission and the journal are theirs, this only carries the calls.
/// </summary>
public sealed class HubSpotBatchWriter
{
    private readonly BatchLane<NewBooking, BookingCreateResult> _creates;
    private readonly BatchLane<BookingChanges, BookingUpdateResult> _updates;
    private readonly BatchLane<NewExam, ExamCreateResult> _examCreates;

    public HubSpotBatchWriter(IServiceProvider services, IOptions<ExamWriteOptions> options, TimeProvider time, ILogger<HubSpotBatchWriter> logger)
    {
        // A typed client per batch: its HttpClient comes from the factory's pool, never held by this singleton.
        HubSpotClient Client() => services.GetRequiredService<HubSpotClient>();
        _creates = new("booking creates", (hubSpot, bookings, reservation) => hubSpot.CreateBookingsAsync(bookings, reservation, CancellationToken.None),
            Client, options.Value, time, logger);
        _updates = new("booking updates", (hubSpot, changes, reservation) => hubSpot.UpdateBookingsAsync(changes, reservation, CancellationToken.None),
            Client, options.Value, time, logger);
        _examCreates = new("exam creates", (hubSpot, exams, reservation) => hubSpot.CreateExamsAsync(exams, reservation, CancellationToken.None),
            Client, options.Value, time, logger);
    }

    /// <summary>
    /// Creates one exam's bookings in a shared batch/create; results in input order. Throws as
    /// <see cref="HubSpotClient.CreateBookingsAsync(IReadOnlyList{NewBooking}, HubSpotLane, CancellationToken)"/> does
    /// (<see cref="HubSpotOverBudgetException"/> only when nothing was sent).
    /// </summary>
    public Task<IReadOnlyList<BookingCreateResult>> CreateBookingsAsync(IReadOnlyList<NewBooking> bookings) =>
        _creates.SubmitAsync(bookings);

    /// <summary>Changes one exam's bookings (cancels) in a shared batch/update; results in input order.</summary>
    public Task<IReadOnlyList<BookingUpdateResult>> UpdateBookingsAsync(IReadOnlyList<BookingChanges> changes) =>
        _updates.SubmitAsync(changes);

    /// <summary>
    /// Creates one exam (its <see cref="NewExam.CreationId"/> required) in a shared batch/create with the other exams
    /// being created on this silo: a rush of exam creation costs a few calls, not one per exam.
    /// </summary>
    public async Task<ExamCreateResult> CreateExamAsync(NewExam exam) => (await _examCreates.SubmitAsync([exam]))[0];
}
