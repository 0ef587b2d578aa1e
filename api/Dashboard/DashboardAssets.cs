using System.Collections.Frozen;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MockExams.Api.Dashboard;

/// <summary>The dashboard's static files, embedded in the api assembly (api/Dashboard/Page/), read once.</summary>
public sealed class DashboardAssets
{
    private const string Prefix = "dashboard/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    }.ToFrozenDictionary();

    private readonly FrozenDictionary<string, byte[]> _files = Load();

    public bool Has(string file) => _files.ContainsKey(file);

    public FileContentHttpResult Result(string file) =>
        TypedResults.Bytes(_files[file], ContentTypes[Path.GetExtension(file)]);

    private static FrozenDictionary<string, byte[]> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(name => name.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;   // listed by the assembly itself
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name[Prefix.Length..]] = copy.ToArray();
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
