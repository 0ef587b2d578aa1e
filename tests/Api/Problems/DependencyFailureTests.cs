using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MockExams.Tests.Fixtures;
using static MockExams.Tests.Grains.Sync.SyncTestKit;

namespace MockExams.Tests.Api.Problems;

/// <summary>
/// HubSpot failing under force sync, exam creation and a batch: problem details with Retry-After, never a 500.
/// Its own cluster: HubSpot answering only 5xx opens the silos' circuit breaker, which other tests must not inherit.
/// </summary>
public sealed class DependencyFailureTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>, IDisposable
{
    private readonly WriteScenario _scenario = new(fixture);

    [Fact]
    public async Task ForceSyncCreateAndBatch_HubSpotAnswersOnly5xx_ProblemWithRetryAfterNeverA500()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 5);
        await SetConfigAsync(fixture.Sandbox, new { errorRate = 1.0 });
        try
        {
            var responses = new[]
            {
                await _scenario.Api.PostAsync($"/api/admin/sync/force-supabase?type=bookings&examId={examId}", null, Token),
                await _scenario.Api.PostAsync("/api/admin/sync/force-supabase?type=exams", null, Token),
                await _scenario.Api.PostAsJsonAsync("/api/mock-exams", new Dictionary<string, object?>
                {
                    ["mock_exam_name"] = "Outage", ["mock_type"] = "Situational Judgment", ["exam_date"] = "2030-06-01",
                    ["location"] = "Toronto", ["capacity"] = 5,
                }, Token),
                await _scenario.Api.PostAsJsonAsync("/api/mock-exams/batch-activate", new { exam_ids = new[] { examId }, is_active = false }, Token),
            };

            foreach (var response in responses)
            {
                var what = $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: {(int)response.StatusCode}";
                Assert.True((int)response.StatusCode < 500 || response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable, what);
                if ((int)response.StatusCode >= 500)
                {
                    Assert.True(response.Headers.RetryAfter is not null, $"no Retry-After: {what}");
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                    var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
                    Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
                }
            }

            Assert.Contains(responses, r => r.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            await SetConfigAsync(fixture.Sandbox, new { errorRate = 0.0 });
        }
    }

    private static CancellationToken Token => WriteScenario.Token;

    public void Dispose() => _scenario.Dispose();
}
