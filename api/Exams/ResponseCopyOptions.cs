using System.ComponentModel.DataAnnotations;

namespace MockExams.Api.Exams;

/// <summary>The api's copies of exam responses. Section "Api"; env <c>Api__ResponseCopiesMegabytes</c>.</summary>
public sealed class ResponseCopyOptions
{
    public const string SectionName = "Api";

    /// <summary>
    /// Memory for copies of exam and bookings bodies (least recently used go first; 0 keeps none). A copy is served
    /// only when the exam grain confirms it is current, so this trades memory for bytes over the cluster, never freshness.
    /// </summary>
    [Range(0, 4_096)] public int ResponseCopiesMegabytes { get; set; } = 64;
}
