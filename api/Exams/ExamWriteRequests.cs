using System.Globalization;
using System.Text.Json.Serialization;
using MockExams.Api.Input;
using MockExams.Exams;

namespace MockExams.Api.Exams;

/// <summary>The body of <c>POST /api/mock-exams</c>. Dates are <c>yyyy-MM-dd</c>.</summary>
public sealed record CreateExamRequest(
    [property: JsonPropertyName("mock_exam_name")] string? MockExamName,
    [property: JsonPropertyName("mock_type")] string? MockType,
    [property: JsonPropertyName("exam_date")] string? ExamDate,
    [property: JsonPropertyName("start_time")] string? StartTime,
    [property: JsonPropertyName("end_time")] string? EndTime,
    [property: JsonPropertyName("location")] string? Location,
    [property: JsonPropertyName("capacity")] int? Capacity,
    [property: JsonPropertyName("is_active")] bool? IsActive)
{
    public void Validate(InputErrors errors)
    {
        errors.RequireText("mock_exam_name", MockExamName);
        errors.RequireText("mock_type", MockType);
        errors.RequireText("location", Location);
        if (errors.RequireText("exam_date", ExamDate) && ExamDates.Parse(ExamDate) is null)
        {
            errors.Add("exam_date", "A date as yyyy-MM-dd.");
        }

        if (Capacity is null)
        {
            errors.Add("capacity", "Required.");
        }
        else if (Capacity is < 0 or > ExamDates.MaxCapacity)
        {
            errors.Add("capacity", $"Between 0 and {ExamDates.MaxCapacity}.");
        }
    }

    public NewExamRequest ToGrainRequest(string? idempotencyKey, string? requestHash) => new(
        MockExamName!.Trim(), MockType!.Trim(), ExamDates.Parse(ExamDate)!.Value, StartTime?.Trim(), EndTime?.Trim(),
        Location!.Trim(), Capacity!.Value, IsActive ?? true, idempotencyKey, requestHash);
}

/// <summary>The body of <c>PATCH /api/mock-exams/{id}</c>: only the fields given change.</summary>
public sealed record UpdateExamRequest(
    [property: JsonPropertyName("mock_exam_name")] string? MockExamName,
    [property: JsonPropertyName("mock_type")] string? MockType,
    [property: JsonPropertyName("exam_date")] string? ExamDate,
    [property: JsonPropertyName("start_time")] string? StartTime,
    [property: JsonPropertyName("end_time")] string? EndTime,
    [property: JsonPropertyName("location")] string? Location,
    [property: JsonPropertyName("capacity")] int? Capacity,
    [property: JsonPropertyName("is_active")] bool? IsActive)
{
    public void Validate(InputErrors errors)
    {
        if (ToGrainUpdate() == new ExamUpdate() && ExamDate is null)
        {
            errors.Add("body", "Give at least one field to change.");
        }

        if (ExamDate is not null && ExamDates.Parse(ExamDate) is null)
        {
            errors.Add("exam_date", "A date as yyyy-MM-dd.");
        }

        if (Capacity is < 0 or > ExamDates.MaxCapacity)
        {
            errors.Add("capacity", $"Between 0 and {ExamDates.MaxCapacity}.");
        }

        foreach (var (field, value) in new[] { ("mock_exam_name", MockExamName), ("mock_type", MockType), ("location", Location) })
        {
            if (value is not null)
            {
                errors.RequireText(field, value);
            }
        }
    }

    public ExamUpdate ToGrainUpdate() => new(
        MockExamName?.Trim(), MockType?.Trim(), ExamDates.Parse(ExamDate), StartTime?.Trim(), EndTime?.Trim(),
        Location?.Trim(), Capacity, IsActive);
}

/// <summary>The body of <c>POST /api/mock-exams/batch-activate</c>: up to 100 exams, opened (or closed with <c>is_active</c> false).</summary>
public sealed record BatchActivateRequest(
    [property: JsonPropertyName("exam_ids")] IReadOnlyList<string?>? ExamIds,
    [property: JsonPropertyName("is_active")] bool? IsActive)
{
    public const int MaxExams = 100;

    public void Validate(InputErrors errors) => errors.RequireIds("exam_ids", ExamIds, MaxExams, "exam");
}

internal static class ExamDates
{
    public const int MaxCapacity = 10_000;

    public static DateOnly? Parse(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
