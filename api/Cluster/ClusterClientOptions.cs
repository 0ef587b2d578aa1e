using System.ComponentModel.DataAnnotations;

namespace MockExams.Api.Cluster;

/// <summary>Which cluster the api talks to. Section "Orleans"; env <c>Orleans__ClusterId</c>, <c>Orleans__ServiceId</c>.</summary>
public sealed class ClusterClientOptions
{
    public const string SectionName = "Orleans";

    [Required] public string ClusterId { get; set; } = "mockexams";

    [Required] public string ServiceId { get; set; } = "mockexams";
}
