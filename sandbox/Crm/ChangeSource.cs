namespace MockExams.Sandbox.Crm;

/// <summary>Who made a change: decides webhook changeSource and whether the change is seen by webhooks at all.</summary>
public enum ChangeSource
{
    /// <summary>The CRM API (changeSource API).</summary>
    Api,

    /// <summary>A person in HubSpot's UI, simulated by /__sandbox/objects (changeSource CRM_UI).</summary>
    CrmUi,

    /// <summary>/__sandbox/seed: data that was "already there"; no webhooks, visible to search at once.</summary>
    Seed,
}
