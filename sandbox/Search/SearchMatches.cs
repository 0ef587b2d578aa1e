using MockExams.Sandbox.Crm;

namespace MockExams.Sandbox.Search;

/// <summary>How many records a search matched, and the ones on the asked-for page, in order.</summary>
public sealed record SearchMatches(int Total, IReadOnlyList<CrmRecord> Page);
