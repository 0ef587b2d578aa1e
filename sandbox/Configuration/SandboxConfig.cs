using System.Text.Json;
using System.Text.Json.Nodes;
using MockExams.Sandbox.Http;

namespace MockExams.Sandbox.Configuration;

/// <summary>The live knobs: read on every request, replaced whole by PUT /__sandbox/config.</summary>
public sealed class SandboxConfig(SandboxSettings initial)
{
    // Nulls included, so a knob that is null now (dataFile) is still a known name.
    private static readonly JsonSerializerOptions AllFields =
        new(SandboxJson.Options) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never };

    private readonly Lock _writeLock = new();
    private SandboxSettings _current = initial;

    public SandboxSettings Current => Volatile.Read(ref _current);

    public void Replace(SandboxSettings settings) => Volatile.Write(ref _current, settings);

    public void Update(Func<SandboxSettings, SandboxSettings> change)
    {
        lock (_writeLock)
        {
            Replace(change(Current));
        }
    }

    /// <summary>Applies a partial JSON object of camelCase knob names; unknown names are refused, nothing is half-applied.</summary>
    public CrmError? Apply(JsonObject patch)
    {
        lock (_writeLock)
        {
            var merged = JsonSerializer.SerializeToNode(Current, AllFields)!.AsObject();
            var unknown = new List<string>();
            foreach (var (name, value) in patch)
            {
                var key = merged.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
                if (key is null)
                {
                    unknown.Add(name);
                    continue;
                }

                merged[key] = value?.DeepClone();
            }

            if (unknown is not [])
            {
                return CrmError.Validation($"Unknown sandbox settings: {string.Join(", ", unknown)}");
            }

            try
            {
                Replace(merged.Deserialize<SandboxSettings>(SandboxJson.Options)
                        ?? throw new JsonException("settings must be an object"));
                return null;
            }
            catch (JsonException ex)
            {
                return CrmError.Validation($"Invalid sandbox settings: {ex.Message}");
            }
        }
    }
}
