using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MockExams.Api.Problems;
using Orleans.Runtime.Messaging;

namespace MockExams.Tests.Api.Problems;

/// <summary>
/// The cluster out of reach is a 503 with Retry-After, whichever way the cluster client reports it. The 10-minute chaos
/// run found <see cref="ConnectionFailedException"/> (no gateway could be connected to after Redis lost the membership
/// table) answered 500 on reads, exam edits and bookings.
/// </summary>
public sealed class ClusterUnavailableHandlerTests
{
    public static TheoryData<string> Failures => ["connection", "silo"];

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task ClusterOutOfReach_IsA503ProblemWithRetryAfter(string failure)
    {
        Exception exception = failure switch
        {
            "connection" => new ConnectionFailedException("Unable to connect to S127.0.0.1:40295:0, will retry after 998.53ms"),
            _ => new SiloUnavailableException("The target silo is no longer active."),
        };
        using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = new MemoryStream();

        var handled = await new ClusterUnavailableHandler(services.GetRequiredService<IProblemDetailsService>())
            .TryHandleAsync(http, exception, CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
        http.Response.Body.Position = 0;
        var problem = await JsonSerializer.DeserializeAsync<JsonElement>(http.Response.Body, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal("retry_later", problem.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task OtherFailures_AreLeftToTheNextHandler()
    {
        using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };

        var handled = await new ClusterUnavailableHandler(services.GetRequiredService<IProblemDetailsService>())
            .TryHandleAsync(http, new InvalidOperationException("a bug"), CancellationToken.None);

        Assert.False(handled);
    }
}
