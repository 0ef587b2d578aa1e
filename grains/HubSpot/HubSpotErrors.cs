using System.Text.RegularExpressions;
using MockExams.Grains.HubSpot.Wire;

namespace MockExams.Grains.HubSpot;

/// <summary>Turns HubSpot's error answers into our exception types and per-input errors.</summary>
internal static partial class HubSpotErrors
{
    public static HubSpotException ToException(int status, HubSpotErrorBody? body, HubSpotCall call)
    {
        var message = body?.Message ?? $"HubSpot answered {status}.";
        var correlationId = body?.CorrelationId;
        var category = body?.Category;
        return status switch
        {
            400 when IsUniqueConflict(body) => Conflict(message, body, status),
            400 => new HubSpotValidationException(message, Details(body), status, category, correlationId),
            401 or 403 => new HubSpotAuthException(message, status, category, correlationId),
            404 => new HubSpotNotFoundException(call.ObjectType, call.RecordId ?? "(batch)", correlationId),
            409 => Conflict(message, body, status),
            423 => new HubSpotLockedException(message, correlationId),
            408 or 477 or >= 500 => new HubSpotTransientException($"HubSpot answered {status}: {message}", status, correlationId),
            _ => new HubSpotUnexpectedResponseException($"HubSpot answered {status}: {message}", status, category, correlationId),
        };
    }

    /// <summary>
    /// Whether an error says a unique-value property already holds the value: HubSpot's 409
    /// categories, or the 400 form whose message says "already has that value".
    /// </summary>
    public static bool IsUniqueConflict(HubSpotErrorBody? body) =>
        body is not null
        && (body.Category is "CONFLICT" or "OBJECT_ALREADY_EXISTS"
            || Mentions(body.Message)
            || (body.Errors ?? []).Any(e => Mentions(e.Message) || e.Code is "CONFLICT" or "OBJECT_ALREADY_EXISTS"));

    public static HubSpotInputError ToInputError(HubSpotErrorBody error) =>
        new(error.Category ?? "UNKNOWN", error.Message ?? "HubSpot refused this input.", PropertyName(error));

    public static string? PropertyName(HubSpotErrorBody? body)
    {
        if (body is null)
        {
            return null;
        }
        if (body.Context?.GetValueOrDefault("propertyName") is [var named, ..])
        {
            return named;
        }
        foreach (var detail in body.Errors ?? [])
        {
            if (detail.Context?.GetValueOrDefault("propertyName") is [var inDetail, ..])
            {
                return inDetail;
            }
            if (detail.In is { Length: > 0 } inField)
            {
                return inField;
            }
        }
        return null;
    }

    private static HubSpotConflictException Conflict(string message, HubSpotErrorBody? body, int status)
    {
        var existing = ExistingIdPattern().Match(message);
        return new HubSpotConflictException(
            message, PropertyName(body), existing.Success ? existing.Groups[1].Value : null,
            status, body?.Category, body?.CorrelationId);
    }

    private static List<HubSpotErrorDetail> Details(HubSpotErrorBody? body) =>
        [.. (body?.Errors ?? []).Select(e => new HubSpotErrorDetail(
            e.Message ?? "", e.Code, e.Context?.GetValueOrDefault("propertyName") is [var p, ..] ? p : e.In))];

    private static bool Mentions(string? message) =>
        message is not null
        && (message.Contains("already has that value", StringComparison.OrdinalIgnoreCase)
            || message.Contains("already exists", StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"Existing ID:\s*(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex ExistingIdPattern();
}
