using Microsoft.Extensions.Options;

namespace MockExams.Grains.HubSpot;

/// <summary>Rules of <see cref="HubSpotOptions"/> that span several settings or need code.</summary>
public sealed class HubSpotOptionsRules : IValidateOptions<HubSpotOptions>
{
    public ValidateOptionsResult Validate(string? name, HubSpotOptions options)
    {
        List<string> failures = [];
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            failures.Add($"HubSpot:BaseUrl must be an absolute http(s) URL, not '{options.BaseUrl}'.");
        }
        if (options.TotalRequestTimeout < options.RequestTimeout)
        {
            failures.Add("HubSpot:TotalRequestTimeout must be at least HubSpot:RequestTimeout.");
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.DailyResetTimeZone, out _))
        {
            failures.Add($"HubSpot:DailyResetTimeZone '{options.DailyResetTimeZone}' is not a known time zone id.");
        }
        string[] types = [options.ExamObjectType, options.BookingObjectType, options.ContactObjectType];
        if (types.Distinct(StringComparer.Ordinal).Count() != types.Length)
        {
            failures.Add("HubSpot:ExamObjectType, BookingObjectType and ContactObjectType must differ.");
        }
        return failures is [] ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
