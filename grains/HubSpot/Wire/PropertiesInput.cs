namespace MockExams.Grains.HubSpot.Wire;

/// <summary>The body of a single create or update.</summary>
internal sealed record PropertiesInput(Dictionary<string, string> Properties, IReadOnlyList<AssociationInput>? Associations = null);
