namespace MockExams.Grains.HubSpot;

/// <summary>Properties HubSpot keeps on every custom object.</summary>
public static class HubSpotSystemProperties
{
    public const string ObjectId = "hs_object_id";
    public const string CreateDate = "hs_createdate";
    public const string LastModifiedDate = "hs_lastmodifieddate";
}
