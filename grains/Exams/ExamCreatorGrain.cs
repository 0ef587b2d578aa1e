using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MockExams.Exams;
using MockExams.Grains.HubSpot;
using MockExams.Grains.Replica;
using Orleans.Concurrency;

namespace MockExams.Grains.Exams;

/// <summary>
/// Creates exams: HubSpot first (it assigns the id; the silo's <see cref="HubSpotBatchWriter"/> merges a rush of creates
/// into few batch calls), then the new exam's own grain writes the replica, so the exam
/// grain stays the only writer of its rows. Stateless: any silo, any number of activations. Each create carries a
/// creation id that is unique in HubSpot, so a create of unknown outcome is looked up rather than sent blindly again;
/// with an Idempotency-Key the id is derived from key and body, so the client's retry finds the exam its first request
/// made, even when two such requests race.
/// </summary>
[StatelessWorker]
public sealed partial class ExamCreatorGrain(
    HubSpotBatchWriter writer, IdempotencyStore idempotency, ReplicaWriter replica, IOptions<ExamWriteOptions> options,
    ILogger<ExamCreatorGrain> logger)
    : Grain, IExamCreatorGrain
{
    public async Task<ExamWriteOutcome> CreateAsync(NewExamRequest request, CancellationToken cancellationToken = default)
    {
        if (request.IdempotencyKey is { } key && await idempotency.FindAsync([key], CancellationToken.None) is [var first, ..])
        {
            return IdempotentAnswers.ReplayExamCreation(first, request.RequestHash);
        }

        ExamCreateResult created;
        try
        {
            // With the other exams being created on this silo: one batch call for a rush of them.
            created = await writer.CreateExamAsync(request.ToNewExam(CreationIdOf(request)));
        }
        catch (HubSpotOverBudgetException ex)
        {
            return new ExamWriteOutcome(null, RetryAfter: ex.RetryAfter, Detail: "HubSpot's request budget is spent; no exam was created.");
        }
        catch (HubSpotValidationException ex)
        {
            return await RememberAsync(request, new ExamWriteOutcome(null, WriteRejection.RefusedByHubSpot, Detail: ex.Message));
        }
        catch (HubSpotTransientException)
        {
            // Nothing is remembered: the retry looks the exam up by its creation id and adopts it, or creates it.
            return new ExamWriteOutcome(null, RetryAfter: options.Value.SettleRetry, Detail: request.IdempotencyKey is null
                ? "HubSpot did not confirm the exam, which may exist; send an Idempotency-Key to make a retry safe."
                : "HubSpot did not confirm the exam; retry with the same Idempotency-Key.");
        }

        if (created.Exam is not { } createdExam)
        {
            // Refused for this input alone (a validation rule): nothing was created.
            return await RememberAsync(request, new ExamWriteOutcome(null, WriteRejection.RefusedByHubSpot, Detail: created.Error?.Message));
        }

        var exam = createdExam.ToRecord();
        await GrainFactory.GetGrain<IMockExamGrain>(exam.HubSpotId)
            .ApplyRemoteChangesAsync(new RemoteChanges(exam, []), CancellationToken.None);
        return await RememberAsync(request, new ExamWriteOutcome(exam));
    }

    /// <summary>Stores the first answer of a keyed request; if the replica cannot take it, a retry settles by creation id instead.</summary>
    private async Task<ExamWriteOutcome> RememberAsync(NewExamRequest request, ExamWriteOutcome outcome)
    {
        if (request.IdempotencyKey is not { } key)
        {
            return outcome;
        }

        try
        {
            var record = IdempotentAnswers.ToRecord(key, request.RequestHash, outcome);
            await replica.CommitAsync(outcome.Exam?.HubSpotId ?? "", new ReplicaCommit(null, [], [record]), CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbException or TimeoutException)
        {
            // The answer stands (HubSpot holds the exam); a retry with this key finds it by its creation id.
            LogAnswerNotStored(logger, outcome.Exam?.HubSpotId, ex);
        }

        return outcome;
    }

    /// <summary>Same key and body, same id: every retry of one request names the exam its first attempt made.</summary>
    private static string CreationIdOf(NewExamRequest request) => request.IdempotencyKey is { } key
        ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{key}\n{request.RequestHash}")))[..32]
        : Guid.CreateVersion7().ToString("N");

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning,
        Message = "Exam {ExamId}: the answer to its keyed create was not stored; a retry with the key settles by creation id")]
    private static partial void LogAnswerNotStored(ILogger logger, string? examId, Exception exception);
}
