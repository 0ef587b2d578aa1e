using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Api.Bookings;

/// <summary><c>GET /api/bookings/{id}</c>: the route a booking's <c>Location</c> names, served from the read path.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BookingRouteTests(ClusterFixture fixture) : IDisposable
{
    private readonly WriteScenario _scenario = new(fixture);

    private static CancellationToken Token => WriteScenario.Token;

    [Fact]
    public async Task Book_Location_AnswersTheBookingAtOnce()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 3);
        var booked = await _scenario.BookAsync(examId, await _scenario.CreateContactAsync());
        var written = await WriteScenario.BookingOf(booked);

        var response = await _scenario.Api.GetAsync(booked.Headers.Location, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("booking");
        Assert.Equal(written.GetProperty("booking_id").GetString(), read.GetProperty("booking_id").GetString());
        Assert.Equal(written.GetProperty("hubspot_id").GetString(), read.GetProperty("hubspot_id").GetString());
        Assert.Equal(examId, read.GetProperty("mock_exam_id").GetString());
        Assert.Equal("true", read.GetProperty("is_active").GetString());
    }

    [Fact]
    public async Task GetBooking_ByHubSpotIdAfterCancel_ShowsItCancelled()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 3);
        var booking = await WriteScenario.BookingOf(await _scenario.BookAsync(examId, await _scenario.CreateContactAsync()));
        var hubSpotId = booking.GetProperty("hubspot_id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await _scenario.Api.GetAsync($"/api/bookings/{hubSpotId}", Token)).StatusCode);

        await _scenario.Api.PostAsync($"/api/bookings/{hubSpotId}/cancel", null, Token);
        var read = await _scenario.Api.GetFromJsonAsync<JsonElement>($"/api/bookings/{hubSpotId}", Token);

        Assert.Equal("false", read.GetProperty("booking").GetProperty("is_active").GetString());
        Assert.Equal("Cancelled", read.GetProperty("booking").GetProperty("booking_status").GetString());
    }

    [Fact]
    public async Task GetBooking_Unknown_Is404ProblemDetails()
    {
        var response = await _scenario.Api.GetAsync("/api/bookings/no-such-booking", Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GetBooking_WithoutToken_Is401()
    {
        using var anonymous = fixture.Api.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/bookings/1", Token)).StatusCode);
    }

    public void Dispose() => _scenario.Dispose();
}
