namespace MockExams.Sandbox.Observability;

public sealed record WebhookStats(long EventsQueued, long EventsDelivered, long RequestsSucceeded, long AttemptsFailed, long BatchesAbandoned);
