using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MockExams.Exams;
using MockExams.Sandbox.Crm;
using MockExams.Tests.Fixtures;
using MockExams.Tests.Grains.Exams.Fixtures;

namespace MockExams.Tests.Grains.Exams.Model;

/// <summary>
/// Plays one <see cref="ModelCase"/> against the real cluster: exams created through the api, then each burst's writes
/// sent to the exam grains together (none awaited before the next is sent, so they share a linger window) while the sandbox injects the
/// case's faults; then the faults stop and every answer is kept for <see cref="ModelChecks"/>.
/// </summary>
public sealed class ModelRun(FaultyHubSpotClusterFixture fixture, WriteScenario scenario, ModelCase model)
{
    private static readonly TimeSpan Stagger = TimeSpan.FromMilliseconds(15);

    private readonly List<List<ModelAnswer>> _booked = [];
    private readonly ConcurrentQueue<ModelAnswer> _answers = new();
    private readonly ConcurrentQueue<string> _log = new();

    public IReadOnlyList<string> ExamIds { get; private set; } = [];

    public IReadOnlyCollection<ModelAnswer> Answers => _answers;

    public IEnumerable<string> Log => _log;

    public async Task PlayAsync()
    {
        List<string> exams = [];
        foreach (var capacity in model.Capacities)
        {
            exams.Add(await CreateExamAsync(capacity));
            _booked.Add([]);
        }

        ExamIds = exams;
        var contacts = new Queue<string>(NewContacts(model.Bursts.Sum(b => b.Count(o => o is BookOp))));
        fixture.Sandbox.Config.Update(model.Faults.Apply);
        try
        {
            for (var b = 0; b < model.Bursts.Length; b++)
            {
                // Targets are chosen from what earlier bursts were answered, as a client would. A few ms apart, so the
                // grain queues them in the case's order, well within one linger window (200 ms after the last arrival).
                List<Task> sent = [];
                foreach (var op in model.Bursts[b])
                {
                    sent.Add(SendAsync(op, contacts));
                    await Task.Delay(Stagger, WriteScenario.Token);
                }

                if (model.KillSilo && b == 1)
                {
                    await KillAndReplaceASiloAsync();
                }

                await Task.WhenAll(sent);
            }
        }
        finally
        {
            fixture.StopFaults();
        }
    }

    /// <summary>Through the api, faults off; a 503 (the budget still paused by the last case's 429s) is sent again as told.</summary>
    private async Task<string> CreateExamAsync(int capacity)
    {
        var key = Guid.NewGuid().ToString("N");
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/mock-exams")
            {
                Content = JsonContent.Create(new Dictionary<string, object?>
                {
                    ["mock_exam_name"] = $"Model {key[..8]}", ["mock_type"] = "Situational Judgment", ["exam_date"] = "2030-06-01",
                    ["location"] = "Toronto", ["capacity"] = capacity, ["is_active"] = true,
                }),
            };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await scenario.Api.SendAsync(request, WriteScenario.Token);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 20)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), WriteScenario.Token);
                continue;
            }

            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>(WriteScenario.Token)).GetProperty("exam").GetProperty("hubspot_id").GetString()!;
        }
    }

    private Task SendAsync(ModelOp op, Queue<string> contacts)
    {
        var exam = fixture.Grains.GetGrain<IMockExamGrain>(ExamIds[op.Exam]);
        var booked = _booked[op.Exam];
        switch (op)
        {
            case BookOp book:
                var contact = book.Again && booked.Count > 0 ? booked[0].ContactId : contacts.Dequeue();
                return BookAsync(exam, op, contact);
            case CancelOp cancel when booked.Count > 0:
                return CancelAsync(exam, op, [booked[cancel.Pick % booked.Count]]);
            case BatchCancelOp batch when booked.Count > 0:
                return CancelAsync(exam, op, [.. batch.Picks.Select(p => booked[p % booked.Count]).Distinct()]);
            case CapacityOp capacity:
                return ExamWriteAsync(op, () => exam.UpdateAsync(new ExamUpdate(Capacity: capacity.Capacity), WriteScenario.Token));
            case ActiveOp active:
                return ExamWriteAsync(op, () => exam.SetActiveAsync(active.Active, WriteScenario.Token));
            case ArchiveOp:
                return ExamWriteAsync(op, () => exam.ArchiveAsync(WriteScenario.Token));
            default:
                _log.Enqueue($"{op}: skipped (no booking yet)");
                return Task.CompletedTask;
        }
    }

    private async Task BookAsync(IMockExamGrain exam, ModelOp op, string contactId)
    {
        var key = Guid.NewGuid().ToString("N");
        var request = new BookingRequest(contactId, $"STU-{contactId}", $"Student {contactId}", $"s{contactId}@example.com",
            "right", "Toronto", key, $"hash-{key}");
        ModelAnswer answer;
        try
        {
            var outcome = await exam.BookAsync(request, WriteScenario.Token);
            answer = outcome switch
            {
                { Booking: { } b } => new(op.ToString(), op.Exam, contactId, b.BookingId, AnswerKind.Done, "booked"),
                { Rejection: { } r } => new(op.ToString(), op.Exam, contactId, null, AnswerKind.Refused, $"{r.Code()} {outcome.Detail}"),
                _ => new(op.ToString(), op.Exam, contactId, null, AnswerKind.Retry, outcome.Detail ?? ""),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            answer = new(op.ToString(), op.Exam, contactId, null, AnswerKind.Unknown, $"{ex.GetType().Name}: {ex.Message}");
        }

        Record(answer);
        if (answer.Kind == AnswerKind.Done)
        {
            lock (_booked)
            {
                _booked[op.Exam].Add(answer);
            }
        }
    }

    private async Task CancelAsync(IMockExamGrain exam, ModelOp op, IReadOnlyList<ModelAnswer> bookings)
    {
        IReadOnlyList<ModelAnswer> answers;
        try
        {
            var outcomes = await exam.CancelBookingsAsync([.. bookings.Select(b => b.BookingId!)], WriteScenario.Token);
            answers = [.. bookings.Zip(outcomes, (b, o) => o switch
            {
                { Booking: { } } => b with { Op = op.ToString(), Kind = AnswerKind.Done, Detail = "cancelled" },
                { Rejection: { } r } => b with { Op = op.ToString(), Kind = AnswerKind.Refused, Detail = $"{r.Code()} {o.Detail}" },
                _ => b with { Op = op.ToString(), Kind = AnswerKind.Retry, Detail = o.Detail ?? "" },
            })];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            answers = [.. bookings.Select(b => b with { Op = op.ToString(), Kind = AnswerKind.Unknown, Detail = $"{ex.GetType().Name}: {ex.Message}" })];
        }

        foreach (var answer in answers)
        {
            Record(answer);
        }
    }

    private async Task ExamWriteAsync(ModelOp op, Func<Task<ExamWriteOutcome>> write)
    {
        try
        {
            var outcome = await write();
            _log.Enqueue($"{op}: {outcome switch
            {
                { Exam: not null } => "done",
                { Rejection: { } r } => $"refused {r.Code()} {outcome.Detail}",
                { RetryAfter: not null } => $"retry {outcome.Detail}",
                _ => "done",
            }}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _log.Enqueue($"{op}: unknown ({ex.GetType().Name}: {ex.Message})");
        }
    }

    private void Record(ModelAnswer answer)
    {
        _answers.Enqueue(answer);
        _log.Enqueue(answer.ToString());
    }

    /// <summary>Students "already in HubSpot", made directly in the sandbox's store: no budget, no faults.</summary>
    private List<string> NewContacts(int count)
    {
        var store = fixture.Sandbox.Store;
        var outcome = store.Create(store.Types.Contacts,
            [.. Enumerable.Range(0, count).Select(_ => new WriteRequest(new Dictionary<string, string?> { ["email"] = $"m{Guid.NewGuid():N}@example.com" }))],
            ChangeSource.CrmUi);
        return [.. outcome.Results.Select(r => r.Record!.Id.ToString())];
    }

    private async Task KillAndReplaceASiloAsync()
    {
        var victim = await fixture.SiloHostingAsync(fixture.Grains.GetGrain<IMockExamGrain>(ExamIds[0])) ?? fixture.Silos[0];
        _log.Enqueue("killing the silo of exam e0");
        await ClusterFixture.KillAsync(victim);
        await fixture.StartSiloAsync();
    }
}
