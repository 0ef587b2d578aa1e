namespace MockExams.Api.Webhooks;

/// <summary>The outcome of checking a webhook delivery's v3 signature.</summary>
public enum SignatureCheck
{
    Valid,

    /// <summary>No signature or no timestamp header.</summary>
    Missing,

    /// <summary>The timestamp is unreadable or more than the allowed age away from now (a replay).</summary>
    Expired,

    /// <summary>The signature does not match the request (forged, altered, or signed with another secret or URL).</summary>
    Mismatch,
}
