using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MockExams.ServiceDefaults.Connections;

/// <summary>
/// The one look-up of a connection string (<c>ConnectionStrings:Replica</c>, <c>ConnectionStrings:Redis</c>): a
/// missing or empty one fails with one message that names the environment variable and what it should hold.
/// </summary>
public static class ConnectionStrings
{
    /// <summary>The replica Postgres (the customer's Supabase); grain state and reminders live there too.</summary>
    public const string Replica = "Replica";

    /// <summary>Redis: cache, cluster membership, HubSpot budget, write rate limit.</summary>
    public const string Redis = "Redis";

    /// <summary>The connection string <paramref name="name"/>, or an <see cref="OptionsValidationException"/> saying how to set it.</summary>
    public static string RequiredConnectionString(this IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { } value && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw NotSet(name);

    /// <summary>
    /// Checks the connection string when the host starts (<c>ValidateOnStart</c>), so a process missing it stops at
    /// once with <see cref="RequiredConnectionString"/>'s message, not at its first query. Read then, not now, so
    /// configuration added after this call (tests, hosts) counts.
    /// </summary>
    public static IServiceCollection AddConnectionStringCheck(this IServiceCollection services, string name)
    {
        services.AddOptions<Checked>(name)
            .Configure<IConfiguration>((_, configuration) => configuration.RequiredConnectionString(name))
            .ValidateOnStart();
        return services;
    }

    internal static OptionsValidationException NotSet(string name) =>
        new($"ConnectionStrings:{name}", typeof(string), [$"ConnectionStrings__{name} is not set: {WhatItHolds(name)} ./run.sh and ./test.sh set it."]);

    private static string WhatItHolds(string name) => name switch
    {
        Replica => "give it the Npgsql connection string of the replica Postgres "
            + "(e.g. Host=127.0.0.1;Port=15432;Username=mockexams;Password=...;Database=mockexams).",
        Redis => "give it the StackExchange.Redis configuration string of Redis (e.g. 127.0.0.1:16379).",
        _ => "give it the connection string.",
    };

    /// <summary>The marker the start-up check is registered under (one named instance per connection string).</summary>
    private sealed class Checked;
}
