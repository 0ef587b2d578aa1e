using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MockExams.Cli.Load;

/// <summary>
/// What the load runs (<c>storm</c>, <c>eventbench</c>, <c>chaos</c>) set up and send alike: exams created through the
/// api, students as contacts in the sandbox, and booking bodies. A label names what a run makes ("Storm", "Chaos"),
/// so its records are told apart in HubSpot's dump.
/// </summary>
public static class LoadSetup
{
    /// <summary>
    /// One exam through <c>POST /api/mock-exams</c>. Any answer but 201 (a 503 across a silo's death, a 502, the write
    /// limit's 429) is tried again after its Retry-After, up to <paramref name="attempts"/> times, with one
    /// Idempotency-Key for every attempt: a retry after an unknown outcome gets the exam the first attempt made.
    /// </summary>
    public static async Task<string> CreateExamAsync(HttpClient api, string label, int capacity, int attempts, CancellationToken cancellationToken)
    {
        var idempotencyKey = $"{label.ToLowerInvariant()}-exam-{Guid.NewGuid():N}";
        var body = new Dictionary<string, object>
        {
            ["mock_exam_name"] = $"{label} {Guid.NewGuid():N}"[..(label.Length + 9)],
            ["mock_type"] = "Situational Judgment",
            ["exam_date"] = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)).ToString("yyyy-MM-dd"),
            ["location"] = "Toronto",
            ["capacity"] = capacity,
            ["is_active"] = true,
        };
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/mock-exams") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            using var response = await api.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("exam").GetProperty("hubspot_id").GetString()!;
            }

            if (attempt >= attempts)
            {
                throw new InvalidOperationException($"Creating an exam answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    /// <summary>A student: a contact made directly in the sandbox (HubSpot), as staff or a sign-up would.</summary>
    public static async Task<string> CreateContactAsync(HttpClient sandbox, string label, CancellationToken cancellationToken)
    {
        using var response = await sandbox.PostAsJsonAsync("/__sandbox/objects/contacts",
            new { properties = new Dictionary<string, string> { ["email"] = $"{label.ToLowerInvariant()}{Guid.NewGuid():N}@example.com" } },
            cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetString()!;
    }

    /// <summary>The body of <c>POST /api/bookings</c> for one student on one exam.</summary>
    public static Dictionary<string, string> BookingBody(string label, string examId, string contactId) => new()
    {
        ["mock_exam_id"] = examId,
        ["contact_id"] = contactId,
        ["student_id"] = $"STU-{contactId}",
        ["student_name"] = $"{label} Student {contactId}",
        ["student_email"] = $"{label.ToLowerInvariant()}{contactId}@example.com",
        ["dominant_hand"] = "right",
        ["attending_location"] = "Toronto",
    };

    /// <summary><paramref name="count"/> results of <paramref name="create"/>, at most <paramref name="parallelism"/> at once, in index order.</summary>
    public static async Task<List<T>> ParallelAsync<T>(int count, int parallelism, Func<int, Task<T>> create)
    {
        var results = new T[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            async (i, _) => results[i] = await create(i));
        return [.. results];
    }
}
