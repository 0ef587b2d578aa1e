namespace MockExams.Grains.HubSpot;

/// <summary>URLs of the endpoints we call, in the dated (<c>2026-09</c>) or legacy (<c>v3</c>/<c>v4</c>) form.</summary>
internal sealed class HubSpotPaths(HubSpotOptions options)
{
    public string Objects(string objectType) => options.UsesDatedApi
        ? $"/crm/objects/{options.ApiVersion}/{objectType}"
        : $"/crm/v3/objects/{objectType}";

    public string Object(string objectType, string id) => $"{Objects(objectType)}/{Uri.EscapeDataString(id)}";

    public string Batch(string objectType, string operation) => $"{Objects(objectType)}/batch/{operation}";

    public string Search(string objectType) => $"{Objects(objectType)}/search";

    public string AssociationsBatchRead(string fromType, string toType) => options.UsesDatedApi
        ? $"/crm/associations/{options.ApiVersion}/{fromType}/{toType}/batch/read"
        : $"/crm/v4/associations/{fromType}/{toType}/batch/read";

    public static string PropertiesQuery(IEnumerable<string> properties) =>
        "properties=" + string.Join(',', properties.Select(Uri.EscapeDataString));
}
