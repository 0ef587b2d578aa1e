using System.Text.Json;
using System.Text.Json.Serialization;

namespace MockExams.Grains.HubSpot.Wire;

/// <summary>Source-generated JSON for HubSpot's wire shapes (camelCase, nulls omitted).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HubSpotObject))]
[JsonSerializable(typeof(HubSpotErrorBody))]
[JsonSerializable(typeof(BatchResponse))]
[JsonSerializable(typeof(PagedResponse))]
[JsonSerializable(typeof(BatchInputs<CreateInput>))]
[JsonSerializable(typeof(BatchInputs<UpdateInput>))]
[JsonSerializable(typeof(BatchInputs<ObjectRef>))]
[JsonSerializable(typeof(BatchInputs<AssociationReadInput>))]
[JsonSerializable(typeof(PropertiesInput))]
[JsonSerializable(typeof(BatchReadRequest))]
[JsonSerializable(typeof(SearchRequest))]
[JsonSerializable(typeof(AssociationBatchResponse))]
internal sealed partial class HubSpotJsonContext : JsonSerializerContext;
