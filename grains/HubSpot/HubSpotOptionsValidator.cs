using Microsoft.Extensions.Options;

namespace MockExams.Grains.HubSpot;

/// <summary>Data-annotation rules of <see cref="HubSpotOptions"/>, generated at compile time.</summary>
[OptionsValidator]
public sealed partial class HubSpotOptionsValidator : IValidateOptions<HubSpotOptions>;
