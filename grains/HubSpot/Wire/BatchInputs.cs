namespace MockExams.Grains.HubSpot.Wire;

/// <summary>The <c>{"inputs": [...]}</c> envelope every batch endpoint takes.</summary>
internal sealed record BatchInputs<T>(IReadOnlyList<T> Inputs);
