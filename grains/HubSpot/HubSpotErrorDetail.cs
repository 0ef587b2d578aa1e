namespace MockExams.Grains.HubSpot;

/// <summary>One entry of a HubSpot error's <c>errors[]</c>.</summary>
/// <param name="Code">HubSpot's code, e.g. <c>PROPERTY_DOESNT_EXIST</c>, <c>INVALID_OPTION</c>.</param>
/// <param name="PropertyName">The property at fault (<c>context.propertyName[0]</c>) when given.</param>
public sealed record HubSpotErrorDetail(string Message, string? Code, string? PropertyName);
