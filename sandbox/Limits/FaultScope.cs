using MockExams.Sandbox.Configuration;
using MockExams.Sandbox.Crm;

namespace MockExams.Sandbox.Limits;

/// <summary>Which calls the injected failures may hit (<see cref="SandboxSettings.FaultPaths"/>), decided once per call.</summary>
public static class FaultScope
{
    private const string ItemKey = "sandbox.faults";

    /// <summary>Whether the failures may hit this call; remembered for the endpoint (per-input refusals).</summary>
    public static bool Decide(HttpContext context, SandboxSettings settings, ObjectTypeCatalog types)
    {
        var covered = Covers(context, settings, types);
        context.Items[ItemKey] = covered;
        return covered;
    }

    /// <summary>Whether HubSpot refuses this one input of a batch (<see cref="SandboxSettings.InputRefusalRate"/>).</summary>
    public static bool RefusesInput(HttpContext context, SandboxSettings settings) =>
        settings.InputRefusalRate > 0
        && context.Items.TryGetValue(ItemKey, out var covered) && covered is true
        && Random.Shared.NextDouble() < settings.InputRefusalRate;

    /// <summary>The name of the object type the path names (bookings, mock_exams, contacts); null when it names none.</summary>
    public static string? ObjectTypeName(HttpContext context, ObjectTypeCatalog types) =>
        context.Request.RouteValues.TryGetValue("objectType", out var value) && value is string name
            ? types.Resolve(name)?.Name
            : null;

    private static bool Covers(HttpContext context, SandboxSettings settings, ObjectTypeCatalog types)
    {
        var parts = settings.FaultPaths.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts is [])
        {
            return true;
        }

        var path = context.Request.Path.Value ?? "";
        var byName = context.Request.RouteValues.TryGetValue("objectType", out var value) && value is string spelled
                     && types.Resolve(spelled) is { } type
            ? path.Replace($"/{spelled}/", $"/{type.Name}/", StringComparison.Ordinal)
                .Replace($"/{spelled}", $"/{type.Name}", StringComparison.Ordinal)
            : path;
        return parts.Any(p => path.Contains(p, StringComparison.OrdinalIgnoreCase) || byName.Contains(p, StringComparison.OrdinalIgnoreCase));
    }
}
