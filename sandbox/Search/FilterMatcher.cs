using MockExams.Sandbox.Crm;
using MockExams.Sandbox.Http;

namespace MockExams.Sandbox.Search;

/// <summary>HubSpot's search operators applied to one record version.</summary>
public static class FilterMatcher
{
    public static readonly IReadOnlySet<string> Operators = new HashSet<string>(StringComparer.Ordinal)
    {
        "EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN",
        "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN",
    };

    /// <summary>Checks a filter before any record is looked at; null when it is usable.</summary>
    public static CrmError? Validate(ObjectTypeDefinition type, SearchFilter filter)
    {
        if (filter.PropertyName is not { } name || !type.Properties.ContainsKey(name))
        {
            return CrmError.Validation($"Property \"{filter.PropertyName}\" does not exist on {type.Name}",
                new CrmErrorDetail($"Property \"{filter.PropertyName}\" does not exist", "PROPERTY_DOESNT_EXIST"));
        }

        if (filter.Operator is not { } op || !Operators.Contains(op))
        {
            return CrmError.Validation($"Unknown filter operator \"{filter.Operator}\". Allowed: {string.Join(", ", Operators)}");
        }

        var needsValue = op is not ("HAS_PROPERTY" or "NOT_HAS_PROPERTY" or "IN" or "NOT_IN");
        if (needsValue && filter.Value is null)
        {
            return CrmError.Validation($"Filter on {name} with operator {op} needs a value");
        }

        if (op == "BETWEEN" && filter.HighValue is null)
        {
            return CrmError.Validation($"Filter on {name} with operator BETWEEN needs a highValue");
        }

        return op is "IN" or "NOT_IN" && filter.Values is null or []
            ? CrmError.Validation($"Filter on {name} with operator {op} needs values")
            : null;
    }

    public static bool Matches(ObjectTypeDefinition type, CrmRecord record, SearchFilter filter)
    {
        var property = type.Properties[filter.PropertyName!];
        var stored = record.Get(property.Name);
        var value = filter.Value ?? "";
        return filter.Operator switch
        {
            "HAS_PROPERTY" => stored is not null,
            "NOT_HAS_PROPERTY" => stored is null,
            "EQ" => stored is not null && PropertyComparer.Compare(property, stored, value) == 0,
            "NEQ" => stored is null || PropertyComparer.Compare(property, stored, value) != 0,
            "LT" => stored is not null && PropertyComparer.Compare(property, stored, value) < 0,
            "LTE" => stored is not null && PropertyComparer.Compare(property, stored, value) <= 0,
            "GT" => stored is not null && PropertyComparer.Compare(property, stored, value) > 0,
            "GTE" => stored is not null && PropertyComparer.Compare(property, stored, value) >= 0,
            "BETWEEN" => stored is not null
                && PropertyComparer.Compare(property, stored, value) >= 0
                && PropertyComparer.Compare(property, stored, filter.HighValue!) <= 0,
            "IN" => stored is not null && filter.ValueList().Any(v => PropertyComparer.Compare(property, stored, v) == 0),
            "NOT_IN" => stored is null || !filter.ValueList().Any(v => PropertyComparer.Compare(property, stored, v) == 0),
            "CONTAINS_TOKEN" => stored is not null && ContainsToken(stored, value),
            "NOT_CONTAINS_TOKEN" => stored is null || !ContainsToken(stored, value),
            _ => false,
        };
    }

    /// <summary>Token match: the value split into words; the token may use * as a wildcard.</summary>
    private static bool ContainsToken(string stored, string token)
    {
        var words = stored.Split([' ', '\t', '\n', ',', ';', '-', '_', '.', '@', '/', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
        if (!token.Contains('*'))
        {
            return words.Any(w => string.Equals(w, token, StringComparison.OrdinalIgnoreCase))
                || string.Equals(stored, token, StringComparison.OrdinalIgnoreCase);
        }

        var pattern = "^" + System.Text.RegularExpressions.Regex.Escape(token).Replace("\\*", ".*") + "$";
        return words.Append(stored).Any(w => System.Text.RegularExpressions.Regex.IsMatch(
            w, pattern, System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant,
            TimeSpan.FromMilliseconds(100)));
    }
}
