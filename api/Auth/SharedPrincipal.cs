using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace MockExams.Api.Auth;

/// <summary>
/// The principal of a token <see cref="CachingTokenHandler"/> validated, built once and shared by every request that
/// carries the token: building one per request was a fifth of the api's allocations on a cached read
/// (docs/BENCHMARKS.md). Sharing is safe because it refuses changes: an identity or claim added for one request would
/// otherwise reach every other request with the same token, so adding or removing one throws instead.
/// </summary>
public sealed class SharedPrincipal(SharedIdentity identity) : ClaimsPrincipal(identity)
{
    public override void AddIdentity(ClaimsIdentity identity) => throw SharedIdentity.Refused();

    public override void AddIdentities(IEnumerable<ClaimsIdentity> identities) => throw SharedIdentity.Refused();
}

/// <summary>The identity of a <see cref="SharedPrincipal"/>: its claims are fixed when it is built.</summary>
public sealed class SharedIdentity(IEnumerable<Claim> claims, string? authenticationType, string nameClaimType, string roleClaimType)
    : CaseSensitiveClaimsIdentity(claims, authenticationType, nameClaimType, roleClaimType)
{
    public override void AddClaim(Claim claim) => throw Refused();

    public override void AddClaims(IEnumerable<Claim?> claims) => throw Refused();

    public override void RemoveClaim(Claim? claim) => throw Refused();

    public override bool TryRemoveClaim(Claim? claim) => throw Refused();

    internal static InvalidOperationException Refused() => new(
        "This identity is shared by every request carrying the same bearer token and cannot be changed; build a new principal instead.");
}
