namespace MockExams.Tests.Grains.Exams.Model;

/// <summary>A model run broke a promise; the message holds the case, the violations and every answer.</summary>
public sealed class ModelViolationException(string message) : Exception(message);
