using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using MockExams.Api.Input;
using MockExams.Catalog;

namespace MockExams.Api.Exams;

/// <summary>
/// Filters of <c>GET /api/mock-exams</c> and <c>/aggregates</c>, bound as the raw strings sent so binding never
/// fails: <see cref="Parse"/> checks each and names the bad ones. Empty values mean "no filter".
/// </summary>
/// <param name="IsActive"><c>true</c> or <c>false</c> (any case).</param>
/// <param name="StartDate">Earliest exam date, <c>yyyy-MM-dd</c>, inclusive.</param>
/// <param name="EndDate">Latest exam date, <c>yyyy-MM-dd</c>, inclusive; not before <c>startDate</c>.</param>
/// <param name="MockType">Exact mock type, e.g. <c>Situational Judgment</c>.</param>
/// <param name="Location">Exact location, e.g. <c>Toronto</c>.</param>
public sealed record ExamFilterParameters(
    [FromQuery(Name = "is_active")] string? IsActive,
    [FromQuery(Name = "startDate")] string? StartDate,
    [FromQuery(Name = "endDate")] string? EndDate,
    [FromQuery(Name = "mock_type")] string? MockType,
    [FromQuery(Name = "location")] string? Location)
{
    public ExamFilter Parse(InputErrors errors)
    {
        var startDate = ParseDate("startDate", StartDate, errors);
        var endDate = ParseDate("endDate", EndDate, errors);
        if (startDate is { } start && endDate is { } end && end < start)
        {
            errors.Add("endDate", $"Must not be before startDate ({start:yyyy-MM-dd}).");
        }

        return new ExamFilter(
            ParseActive(IsActive, errors), startDate, endDate,
            ParseText("mock_type", MockType, errors), ParseText("location", Location, errors));
    }

    private static bool? ParseActive(string? value, InputErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (bool.TryParse(value.Trim(), out var active))
        {
            return active;
        }

        errors.Add("is_active", $"Must be true or false, not '{value}'.");
        return null;
    }

    private static DateOnly? ParseDate(string name, string? value, InputErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(name, $"Must be a date as yyyy-MM-dd, not '{value}'.");
        return null;
    }

    private static string? ParseText(string name, string? value, InputErrors errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > ExamFilter.MaxTextLength)
        {
            errors.Add(name, $"Must be at most {ExamFilter.MaxTextLength} characters.");
            return null;
        }

        return text;
    }
}
