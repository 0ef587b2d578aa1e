using System.Text;
using MockExams.Api.Webhooks;
using MockExams.Sandbox.Webhooks;

namespace MockExams.Tests.Api.Webhooks;

public sealed class HubSpotSignatureTests
{
    private const string Secret = "client-secret";
    private const string Uri = "https://api.example.com/webhooks/hubspot?portal=1";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000);
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""[{"objectId":1,"subscriptionType":"object.creation"}]""");

    [Fact]
    public void Verify_SignedAsTheSandboxSignsLikeHubSpot_IsValid()
    {
        var timestamp = Now.ToUnixTimeMilliseconds().ToString();
        var signature = WebhookSigner.SignV3(Secret, "POST", Uri, Encoding.UTF8.GetString(Body), timestamp);

        Assert.Equal(SignatureCheck.Valid, HubSpotSignature.Verify(Secret, "POST", Uri, Body, timestamp, signature, Now, FiveMinutes));
    }

    [Fact]
    public void Verify_OtherBodyUriOrSecret_IsMismatch()
    {
        var timestamp = Now.ToUnixTimeMilliseconds().ToString();
        var signature = HubSpotSignature.Sign(Secret, "POST", Uri, Body, timestamp);

        Assert.Equal(SignatureCheck.Mismatch, HubSpotSignature.Verify(Secret, "POST", Uri, [.. Body, (byte)' '], timestamp, signature, Now, FiveMinutes));
        Assert.Equal(SignatureCheck.Mismatch, HubSpotSignature.Verify(Secret, "POST", "http://internal:8080/webhooks/hubspot?portal=1", Body, timestamp, signature, Now, FiveMinutes));
        Assert.Equal(SignatureCheck.Mismatch, HubSpotSignature.Verify("other", "POST", Uri, Body, timestamp, signature, Now, FiveMinutes));
        Assert.Equal(SignatureCheck.Mismatch, HubSpotSignature.Verify(Secret, "POST", Uri, Body, timestamp, "not base64!", Now, FiveMinutes));
    }

    [Theory]
    [InlineData(-301_000)]
    [InlineData(301_000)]
    public void Verify_TimestampMoreThanFiveMinutesAway_IsExpired(long offsetMs)
    {
        var timestamp = (Now.ToUnixTimeMilliseconds() + offsetMs).ToString();
        var signature = HubSpotSignature.Sign(Secret, "POST", Uri, Body, timestamp);

        Assert.Equal(SignatureCheck.Expired, HubSpotSignature.Verify(Secret, "POST", Uri, Body, timestamp, signature, Now, FiveMinutes));
    }

    [Fact]
    public void Verify_MissingHeaders_IsMissing()
    {
        Assert.Equal(SignatureCheck.Missing, HubSpotSignature.Verify(Secret, "POST", Uri, Body, null, "x", Now, FiveMinutes));
        Assert.Equal(SignatureCheck.Missing, HubSpotSignature.Verify(Secret, "POST", Uri, Body, "1", null, Now, FiveMinutes));
    }

    [Fact]
    public void NormalizeUri_DecodesHubSpotsListOnly_EitherCase()
    {
        Assert.Equal("https://x.io/h?a=b:c/d@e!f$g'h(i)j*k,l;m%20n%3d",
            HubSpotSignature.NormalizeUri("https://x.io/h?a=b%3Ac%2fd%40e%21f%24g%27h%28i%29j%2Ak%2Cl%3bm%20n%3d"));
    }
}
