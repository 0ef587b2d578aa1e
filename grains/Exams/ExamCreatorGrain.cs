using MockExams.Exams;
using MockExams.Grains.HubSpot;
using Orleans.Concurrency;

namespace MockExams.Grains.Exams;

/// <summary>
/// Creates exams: HubSpot first (it assigns the id), then the new exam's own grain writes the replica, so the exam
/// grain stays the only writer of its rows. Stateless: any silo, any number of activations.
/// </summary>
[StatelessWorker]
public sealed class ExamCreatorGrain(HubSpotClient hubSpot) : Grain, IExamCreatorGrain
{
    public async Task<ExamWriteOutcome> CreateAsync(NewExamRequest request, CancellationToken cancellationToken = default)
    {
        HubSpotExam created;
        try
        {
            // Not repeated on a timeout: an exam has no unique key, so a repeat could create two.
            created = await hubSpot.CreateExamAsync(request.ToNewExam(), HubSpotLane.UserWrite, CancellationToken.None);
        }
        catch (HubSpotOverBudgetException ex)
        {
            return new ExamWriteOutcome(null, RetryAfter: ex.RetryAfter, Detail: "HubSpot's request budget is spent; no exam was created.");
        }
        catch (HubSpotValidationException ex)
        {
            return new ExamWriteOutcome(null, WriteRejection.RefusedByHubSpot, Detail: ex.Message);
        }

        var exam = created.ToRecord();
        await GrainFactory.GetGrain<IMockExamGrain>(exam.HubSpotId)
            .ApplyRemoteChangesAsync(new RemoteChanges(exam, []), CancellationToken.None);
        return new ExamWriteOutcome(exam);
    }
}
