using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Api.Contract;

/// <summary>One contract: snake_case names everywhere, one row shape per record whichever endpoint answers, no column leaks.</summary>
[Collection(ClusterCollection.Name)]
public sealed partial class ApiContractTests(ClusterFixture fixture) : IDisposable
{
    private static readonly string[] BookingFields =
    [
        "hubspot_id", "booking_id", "mock_exam_id", "contact_id", "student_id", "student_name", "student_email",
        "booking_status", "is_active", "attendance", "attending_location", "exam_date", "dominant_hand", "created_at",
        "updated_at", "hs_last_modified_at",
    ];

    private static readonly string[] ExamFields =
    [
        "hubspot_id", "mock_exam_name", "mock_type", "exam_date", "start_time", "end_time", "location", "capacity",
        "total_bookings", "is_active", "created_at", "updated_at", "hs_last_modified_at",
    ];

    private readonly WriteScenario _scenario = new(fixture);

    private static CancellationToken Token => WriteScenario.Token;

    [Fact]
    public async Task Booking_WriteAnswersAndEveryRead_HaveOneShapeAndTheSameValues()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 3);
        var written = await WriteScenario.BookingOf(await _scenario.BookAsync(examId, await _scenario.CreateContactAsync()));
        var id = written.GetProperty("booking_id").GetString();

        var byId = (await _scenario.Api.GetFromJsonAsync<JsonElement>($"/api/bookings/{id}", Token)).GetProperty("booking");
        var listed = (await _scenario.Api.GetFromJsonAsync<JsonElement>($"/api/mock-exams/{examId}/bookings", Token)).GetProperty("bookings")[0];
        var cancelled = await WriteScenario.BookingOf(await _scenario.Api.PostAsync($"/api/bookings/{id}/cancel", null, Token));

        foreach (var row in new[] { written, byId, listed, cancelled })
        {
            Assert.Equal(BookingFields, row.EnumerateObject().Select(p => p.Name));
        }

        AssertSameValues(written, byId);
        AssertSameValues(written, listed);
    }

    [Fact]
    public async Task Exam_WriteAnswerAndEveryRead_HaveOneShapeAndTheSameValues()
    {
        var date = $"{Random.Shared.Next(2040, 2090)}-{Random.Shared.Next(1, 13):00}-{Random.Shared.Next(1, 29):00}";
        var examId = await _scenario.CreateExamAsync(capacity: 4, date: date);
        var updated = await _scenario.Api.PatchAsJsonAsync($"/api/mock-exams/{examId}", new { capacity = 5 }, Token);
        var written = (await updated.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("exam");

        var read = (await _scenario.Api.GetFromJsonAsync<JsonElement>($"/api/mock-exams/{examId}", Token)).GetProperty("exam");
        var listed = (await _scenario.Api.GetFromJsonAsync<JsonElement>($"/api/mock-exams?startDate={date}&endDate={date}&page_size=200", Token))
            .GetProperty("exams").EnumerateArray().Single(e => e.GetProperty("hubspot_id").GetString() == examId);

        foreach (var row in new[] { written, read, listed })
        {
            Assert.Equal(ExamFields, row.EnumerateObject().Select(p => p.Name));
        }

        AssertSameValues(written, read);
        AssertSameValues(written, listed);
    }

    [Fact]
    public async Task ColumnAddedToTheReplica_AppearsInNoAnswer()
    {
        var db = fixture.Database.DataSource;
        await using (var alter = db.CreateCommand("""
            alter table public.hubspot_mock_exams add column leaked_note text default 'internal';
            alter table public.hubspot_bookings add column leaked_note text default 'internal';
            """))
        {
            await alter.ExecuteNonQueryAsync(Token);
        }

        try
        {
            var location = ReadRows.NewLocation();
            var examId = await ReadRows.InsertExamAsync(db, location);
            var bookingId = await ReadRows.InsertBookingAsync(db, examId, minute: 1);

            foreach (var path in new[]
                     {
                         $"/api/mock-exams/{examId}", $"/api/mock-exams/{examId}/bookings", $"/api/mock-exams?location={location}",
                         $"/api/bookings/{bookingId}",
                     })
            {
                var body = await _scenario.Api.GetStringAsync(path, Token);
                Assert.Contains(examId, body);
                Assert.DoesNotContain("leaked_note", body);
            }
        }
        finally
        {
            await using var drop = db.CreateCommand("""
                alter table public.hubspot_mock_exams drop column leaked_note;
                alter table public.hubspot_bookings drop column leaked_note;
                """);
            await drop.ExecuteNonQueryAsync(Token);
        }
    }

    [Fact]
    public async Task AdminAnswers_AreSnakeCase()
    {
        var response = await _scenario.Api.GetAsync("/api/admin/sync/status", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var names = Names(await response.Content.ReadFromJsonAsync<JsonElement>(Token)).ToList();
        Assert.Contains("object_types", names);
        Assert.All(names, name => Assert.Matches(SnakeCase(), name));
    }

    private static IEnumerable<string> Names(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Names(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Names),
        _ => [],
    };

    /// <summary>Equal values; timestamps compared as instants (Postgres and .NET print offsets differently).</summary>
    private static void AssertSameValues(JsonElement expected, JsonElement actual)
    {
        foreach (var field in expected.EnumerateObject())
        {
            var other = actual.GetProperty(field.Name);
            if (field.Value.ValueKind == JsonValueKind.String && field.Value.GetString()!.Contains('T', StringComparison.Ordinal)
                && DateTimeOffset.TryParse(field.Value.GetString(), out var instant))
            {
                Assert.Equal(instant, DateTimeOffset.Parse(other.GetString()!));
            }
            else
            {
                Assert.True(field.Value.ToString() == other.ToString(), $"{field.Name}: {field.Value} != {other}");
            }
        }
    }

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex SnakeCase();

    public void Dispose() => _scenario.Dispose();
}
