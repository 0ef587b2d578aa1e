using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MockExams.Api.OpenApi;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Api.OpenApi;

/// <summary>The OpenAPI document agrees with the routes the api maps, and says what a front end needs of each.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OpenApiDocumentTests(ClusterFixture fixture)
{
    /// <summary>Infrastructure, not the API: described elsewhere (README) and kept out of the document on purpose.</summary>
    private static readonly string[] NotInTheDocument = ["/health/", "/metrics", "/openapi/", "/docs", "/__bench/", "/admin"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Document_AndTheMappedRoutes_NameTheSameOperations()
    {
        var document = await DocumentAsync();
        var documented = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => $"{op.Key.ToUpperInvariant()} {path.Key}"))
            .Order().ToList();

        var mapped = fixture.Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !NotInTheDocument.Any(prefix => ("/" + e.RoutePattern.RawText!.TrimStart('/')).StartsWith(prefix, StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(method => $"{method} {DocumentPath(e.RoutePattern)}"))
            .Order().ToList();

        Assert.Equal(mapped, documented);
        Assert.Equal(documented.Count, OperationCatalog.Operations.Count);
    }

    [Fact]
    public async Task EveryOperation_HasWordsSecurityAndItsProblemAnswers()
    {
        var document = await DocumentAsync();

        Assert.False(string.IsNullOrWhiteSpace(document["info"]!["description"]?.GetValue<string>()));
        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>());
        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, node) in operations!.AsObject())
            {
                var operation = node!.AsObject();
                var name = $"{method} {path}";
                Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), name);
                Assert.False(string.IsNullOrWhiteSpace(operation["description"]?.GetValue<string>()), name);
                var security = operation["security"]!.AsArray();
                Assert.True(path.StartsWith("/webhooks/", StringComparison.Ordinal) ? security.Count == 0 : security.Count == 1, name);
                var responses = operation["responses"]!.AsObject();
                Assert.Contains(responses, r => r.Key.StartsWith('2'));
                var problems = responses.Where(r => r.Key[0] is '4' or '5').ToList();
                Assert.NotEmpty(problems);
                Assert.All(problems, r => Assert.NotNull(r.Value!["content"]!["application/problem+json"]!["example"]));
                if (!path.StartsWith("/webhooks/", StringComparison.Ordinal))
                {
                    Assert.Contains(problems, r => r.Key == "401");
                }

                if (method != "get" && path.StartsWith("/api/", StringComparison.Ordinal))
                {
                    Assert.Contains(problems, r => r.Key == "429");
                }
            }
        }
    }

    [Fact]
    public async Task DocumentWrittenAtBuildTime_IsTheOneServed()
    {
        var built = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "api", "openapi", "MockExams.Api.json"), Token));

        Assert.True(JsonNode.DeepEquals(built, await DocumentAsync()),
            "api/openapi/MockExams.Api.json differs from /openapi/v1.json: build the api and commit the file.");
    }

    [Fact]
    public async Task HttpFile_CallsEveryDocumentedOperation()
    {
        var document = await DocumentAsync();
        var calls = (await File.ReadAllLinesAsync(Path.Combine(RepositoryRoot(), "api", "MockExams.Api.http"), Token))
            .Where(line => line.Contains(" {{host}}/", StringComparison.Ordinal))
            .Select(line => (Method: line[..line.IndexOf(' ', StringComparison.Ordinal)],
                Path: line[(line.IndexOf("{{host}}", StringComparison.Ordinal) + "{{host}}".Length)..].Split('?')[0]))
            .ToList();

        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            // A path parameter matches a value or a {{variable}} of the file.
            var template = new System.Text.RegularExpressions.Regex(
                "^" + System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}]+\}", @"(?:[^/{}]+|\{\{[^}]+\}\})") + "$");
            foreach (var method in operations!.AsObject().Select(op => op.Key.ToUpperInvariant()))
            {
                Assert.True(calls.Any(c => c.Method == method && template.IsMatch(c.Path)), $"api/MockExams.Api.http has no {method} {path}");
            }
        }
    }

    [Fact]
    public async Task DocsPage_IsServed()
    {
        using var client = fixture.Api.CreateClient();

        var response = await client.GetAsync("/docs", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<JsonNode> DocumentAsync()
    {
        using var client = fixture.Api.CreateClient();
        return JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json", Token))!;
    }

    /// <summary>The route as the document writes it: no trailing slash, no constraints (<c>{id:long}</c> → <c>{id}</c>).</summary>
    private static string DocumentPath(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
            _ => "",
        })));
        return "/" + string.Join('/', segments);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MockExams.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("No MockExams.sln above the test's directory.");
    }
}
