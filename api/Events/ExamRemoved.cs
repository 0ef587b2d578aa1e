using System.Text.Json.Serialization;

namespace MockExams.Api.Events;

/// <summary>The data of a <c>removed</c> event: the exam is gone, or no longer matches the stream's filter.</summary>
public sealed record ExamRemoved([property: JsonPropertyName("hubspot_id")] string HubspotId);
