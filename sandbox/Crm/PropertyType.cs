namespace MockExams.Sandbox.Crm;

/// <summary>How search compares and sorts a property; values are strings on the wire whatever the type.</summary>
public enum PropertyType
{
    String,
    Number,
    Date,
    DateTime,
    Bool,
}
