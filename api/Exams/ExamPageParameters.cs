using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using MockExams.Api.Input;
using MockExams.Catalog;

namespace MockExams.Api.Exams;

/// <summary>Paging of <c>GET /api/mock-exams</c> and of an exam's bookings, bound as raw strings and checked by <see cref="Parse"/>.</summary>
/// <param name="Page">1-based page number; default 1.</param>
/// <param name="PageSize">Rows per page, 1 to 200; default 50.</param>
public sealed record ExamPageParameters(
    [FromQuery(Name = "page")] string? Page,
    [FromQuery(Name = "page_size")] string? PageSize)
{
    public (int Page, int PageSize) Parse(InputErrors errors) => (
        ParseInt("page", Page, 1, 1, int.MaxValue, errors),
        ParseInt("page_size", PageSize, ExamListQuery.DefaultPageSize, 1, ExamListQuery.MaxPageSize, errors));

    private static int ParseInt(string name, string? value, int fallback, int min, int max, InputErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        errors.Add(name, max == int.MaxValue
            ? $"Must be a whole number of at least {min}, not '{value}'."
            : $"Must be a whole number from {min} to {max}, not '{value}'.");
        return fallback;
    }
}
