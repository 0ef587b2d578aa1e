using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Api.Exams;

/// <summary>ETag and 304 on the reads; a write is visible to the next conditional read (never a stale 304).</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConditionalReadTests(ClusterFixture fixture) : IDisposable
{
    private readonly WriteScenario _scenario = new(fixture);

    private static CancellationToken Token => WriteScenario.Token;

    [Fact]
    public async Task EveryRead_SameTagBack_Is304WithNoBodyAndTheSameTag()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 3);
        var booking = await WriteScenario.BookingOf(await _scenario.BookAsync(examId, await _scenario.CreateContactAsync()));
        string[] paths =
        [
            $"/api/mock-exams/{examId}", $"/api/mock-exams/{examId}/bookings", $"/api/mock-exams/{examId}/bookings?page=1&page_size=10",
            "/api/mock-exams?location=Toronto", "/api/mock-exams/aggregates?location=Toronto",
            $"/api/bookings/{booking.GetProperty("booking_id").GetString()}",
            $"/api/bookings?contact_id={booking.GetProperty("contact_id").GetString()}",
        ];

        foreach (var path in paths)
        {
            var first = await _scenario.Api.GetAsync(path, Token);
            var tag = first.Headers.ETag;
            var again = await GetAsync(_scenario.Api, path, tag?.Tag);

            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.NotNull(tag);
            Assert.True(first.Headers.CacheControl is { Private: true, NoCache: true }, $"{path}: {first.Headers.CacheControl}");
            Assert.True(HttpStatusCode.NotModified == again.StatusCode, path);
            Assert.Empty(await again.Content.ReadAsByteArrayAsync(Token));
            Assert.Equal(tag, again.Headers.ETag);
        }
    }

    [Fact]
    public async Task Exam_WrittenAfterTheTagWasGiven_NextConditionalReadIs200WithTheChange()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 3);
        var path = $"/api/mock-exams/{examId}";
        var tag = (await _scenario.Api.GetAsync(path, Token)).Headers.ETag!.Tag;
        await using var otherApi = fixture.StartAnotherApi();
        using var other = ClusterFixture.CreateClient(otherApi, "exams.view");
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(other, path, tag)).StatusCode);   // the tag holds on any api

        var patched = await _scenario.Api.PatchAsJsonAsync(path, new { capacity = 9 }, Token);
        var afterWrite = await GetAsync(other, path, tag);

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterWrite.StatusCode);
        Assert.NotEqual(tag, afterWrite.Headers.ETag!.Tag);
        Assert.Equal(9, (await afterWrite.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("exam").GetProperty("capacity").GetInt32());
    }

    [Fact]
    public async Task Bookings_BookedAfterTheTagWasGiven_NextConditionalReadsAre200()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 3);
        string[] paths = [$"/api/mock-exams/{examId}/bookings", "/api/mock-exams?location=Toronto&page_size=200", $"/api/mock-exams/{examId}"];
        var tags = new List<string>();
        foreach (var path in paths)
        {
            tags.Add((await _scenario.Api.GetAsync(path, Token)).Headers.ETag!.Tag);
        }

        Assert.Equal(HttpStatusCode.Created, (await _scenario.BookAsync(examId, await _scenario.CreateContactAsync())).StatusCode);

        for (var i = 0; i < paths.Length; i++)
        {
            var response = await GetAsync(_scenario.Api, paths[i], tags[i]);
            Assert.True(HttpStatusCode.OK == response.StatusCode, paths[i]);
        }
    }

    [Fact]
    public async Task Booking_CancelledAfterTheTagWasGiven_NextConditionalReadShowsItCancelled()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 3);
        var id = (await WriteScenario.BookingOf(await _scenario.BookAsync(examId, await _scenario.CreateContactAsync())))
            .GetProperty("booking_id").GetString();
        var tag = (await _scenario.Api.GetAsync($"/api/bookings/{id}", Token)).Headers.ETag!.Tag;

        await _scenario.Api.PostAsync($"/api/bookings/{id}/cancel", null, Token);
        var response = await GetAsync(_scenario.Api, $"/api/bookings/{id}", tag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("false", (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("booking").GetProperty("is_active").GetString());
    }

    [Fact]
    public async Task IfNoneMatch_OtherTagOrStar_AsRfc9110Says()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 3);
        var path = $"/api/mock-exams/{examId}";
        var tag = (await _scenario.Api.GetAsync(path, Token)).Headers.ETag!.Tag;

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(_scenario.Api, path, "\"something-else\"")).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(_scenario.Api, path, $"\"other\", W/{tag}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(_scenario.Api, path, "*")).StatusCode);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? ifNoneMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await client.SendAsync(request, Token);
    }

    public void Dispose() => _scenario.Dispose();
}
