using System.Text.Json;
using MockExams.Sandbox.Http;

namespace MockExams.Sandbox.Crm;

/// <summary>HubSpot's checks on written property names: unknown ones and read-only ones are a 400.</summary>
public static class PropertyValidation
{
    public static CrmError? Check(ObjectTypeDefinition type, IReadOnlyDictionary<string, string?> properties)
    {
        var problems = new List<(string Name, string Code, string Message)>();
        foreach (var name in properties.Keys)
        {
            if (!type.Properties.TryGetValue(name, out var definition))
            {
                problems.Add((name, "PROPERTY_DOESNT_EXIST", $"Property \"{name}\" does not exist"));
            }
            else if (definition.ReadOnly)
            {
                problems.Add((name, "READ_ONLY_VALUE", $"\"{name}\" is a read only property; its value cannot be set."));
            }
        }

        if (problems is [])
        {
            return null;
        }

        // HubSpot puts a JSON list of the invalid values in the message, and the same facts in errors[].
        var summary = JsonSerializer.Serialize(problems.Select(p => new Dictionary<string, object>
        {
            ["isValid"] = false,
            ["message"] = p.Message,
            ["error"] = p.Code,
            ["name"] = p.Name,
        }), SandboxJson.Options);
        return CrmError.Validation(
            $"Property values were not valid: {summary}",
            problems.Select(p => new CrmErrorDetail(
                p.Message, p.Code, new Dictionary<string, IReadOnlyList<string>> { ["propertyName"] = [p.Name] })).ToArray());
    }
}
