using MockExams.Sandbox.Configuration;
using MockExams.Sandbox.Http;

namespace MockExams.Sandbox.Crm;

/// <summary>The answer to a unique value that another record already holds.</summary>
public static class UniqueConflict
{
    /// <param name="existingId">The record holding the value; null when it is another input of the same batch.</param>
    public static CrmError Describe(ObjectTypeDefinition type, string property, string value, long? existingId, SandboxSettings settings)
    {
        var existing = existingId is { } id ? $" Existing ID: {id}" : " (duplicated within the batch)";
        var context = new Dictionary<string, IReadOnlyList<string>> { ["propertyName"] = [property] };
        if (property == "email" && type.ObjectTypeId == "0-1")
        {
            return new CrmError(StatusCodes.Status409Conflict, "CONFLICT", $"Contact already exists.{existing}", Context: context);
        }

        return settings.UniqueConflictStyle switch
        {
            UniqueConflictStyle.AlreadyHasValue => CrmError.Validation(
                $"Property values were not valid: {property} {value} already has that value.{existing}",
                new CrmErrorDetail($"{value} already has that value.{existing}", "INVALID_UNIQUE_VALUE", context)),
            _ => new CrmError(StatusCodes.Status409Conflict, "CONFLICT",
                $"A {type.SingularName} with {property} {value} already exists.{existing}", Context: context),
        };
    }
}
