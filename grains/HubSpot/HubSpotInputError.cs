namespace MockExams.Grains.HubSpot;

/// <summary>Why HubSpot refused one input of a batch (from the batch's <c>errors[]</c>).</summary>
/// <param name="Category">HubSpot's category, e.g. <c>VALIDATION_ERROR</c>, <c>OBJECT_NOT_FOUND</c>.</param>
/// <param name="PropertyName">The property at fault when HubSpot names one.</param>
public sealed record HubSpotInputError(string Category, string Message, string? PropertyName = null);
