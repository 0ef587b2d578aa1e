namespace MockExams.Sandbox.Associations;

public sealed record LabelsBetweenObjectPairView(
    string FromObjectTypeId, string FromObjectId, string ToObjectTypeId, string ToObjectId, IReadOnlyList<string> Labels);
