namespace MockExams.Api.Cors;

/// <summary>
/// Which browser origins may call the api. Section "Api"; env <c>Api__CorsOrigins</c>: origins separated by commas,
/// e.g. <c>https://book.example.com,http://localhost:5173</c>. Empty (the default): no cross-origin browser calls.
/// </summary>
public sealed class BrowserOptions
{
    public const string SectionName = "Api";

    public string? CorsOrigins { get; set; }

    public string[] Origins =>
        CorsOrigins?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
