using System.ComponentModel.DataAnnotations;

namespace MockExams.Silo;

/// <summary>How this silo joins the cluster. Section "Orleans"; env <c>Orleans__ClusterId</c> etc.</summary>
public sealed class OrleansHostingOptions
{
    public const string SectionName = "Orleans";

    /// <summary>Silos and api instances with the same cluster id form one cluster (membership is kept in Redis under it).</summary>
    [Required] public string ClusterId { get; set; } = "mockexams";

    /// <summary>Identifies the service across deployments: grain state and reminders are keyed by it.</summary>
    [Required] public string ServiceId { get; set; } = "mockexams";

    [Range(1, 65535)] public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)] public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients use to reach this one.</summary>
    [Required] public string AdvertisedIPAddress { get; set; } = "127.0.0.1";
}
