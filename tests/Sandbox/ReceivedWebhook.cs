using System.Text.Json;

namespace MockExams.Tests.Sandbox;

public sealed record ReceivedWebhook(string Method, IReadOnlyDictionary<string, string> Headers, string Body, JsonElement Events, bool AnsweredWithFailure);
