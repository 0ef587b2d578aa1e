using System.Reflection;
using System.Text.RegularExpressions;

namespace MockExams.Grains.Replica;

/// <summary>
/// One file of <c>supabase/migrations</c>, named <c>&lt;yyyyMMddHHmmss&gt;_&lt;name&gt;.sql</c> as the Supabase CLI
/// names them. <see cref="Version"/> and <see cref="Name"/> are what the CLI records in
/// <c>supabase_migrations.schema_migrations</c>.
/// </summary>
public sealed partial record Migration(string Version, string Name, string Sql)
{
    private const string ResourcePrefix = "migrations/";

    /// <summary>The migrations embedded in this assembly, in the order they apply (by version).</summary>
    public static IReadOnlyList<Migration> Embedded { get; } = LoadEmbedded();

    private static Migration[] LoadEmbedded()
    {
        var assembly = typeof(Migration).Assembly;
        return
        [
            .. assembly.GetManifestResourceNames()
                .Where(resource => resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Select(resource => Load(assembly, resource)),
        ];
    }

    private static Migration Load(Assembly assembly, string resource)
    {
        var fileName = resource[ResourcePrefix.Length..];
        var match = FileNamePattern().Match(fileName);
        if (!match.Success)
        {
            // The CLI skips such a file silently; refuse it so both never disagree.
            throw new InvalidOperationException(
                $"Migration file '{fileName}' is not named <yyyyMMddHHmmss>_<name>.sql as the Supabase CLI requires.");
        }

        // The resource exists: its name came from GetManifestResourceNames.
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new Migration(match.Groups["version"].Value, match.Groups["name"].Value, reader.ReadToEnd());
    }

    [GeneratedRegex(@"^(?<version>[0-9]{14})_(?<name>[A-Za-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();
}
