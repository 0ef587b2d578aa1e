namespace MockExams.Exams;

/// <summary>A finished UTF-8 JSON response body, as cached in Redis: the api writes it out untouched.</summary>
[GenerateSerializer, Immutable, Alias("mockexams.JsonBody")]
public sealed record JsonBody([property: Id(0)] byte[] Utf8);
