using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Metadata;

namespace MockExams.Api.Input;

/// <summary>
/// Applies <see cref="TextInputCheck"/> to every string of a JSON body (a record of this assembly bound from the
/// body), naming each bad one by its wire name (<c>student_name</c>, <c>booking_ids[1]</c>). Endpoints without a body
/// keep their delegate unchanged.
/// </summary>
public static class BodyTextFilter
{
    /// <summary>The title of a 400 for text the api refuses wherever it came (body, query, route, header).</summary>
    public const string Title = "Invalid text input";

    private static readonly ConcurrentDictionary<Type, (string Name, PropertyInfo Property)[]> Fields = new();

    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext factory, EndpointFilterDelegate next)
    {
        var bodies = factory.MethodInfo.GetParameters()
            .Where(IsBody)
            .Select(p => p.Position)
            .ToArray();
        if (bodies is [])
        {
            return next;
        }

        return async context =>
        {
            InputErrors? errors = null;
            foreach (var index in bodies)
            {
                if (context.Arguments[index] is { } body)
                {
                    Check(body, ref errors);
                }
            }

            return errors is null ? await next(context) : errors.ToProblem(Title);
        };
    }

    // A body is a class of ours that is neither [AsParameters] nor bound from query, route, header or services.
    private static bool IsBody(ParameterInfo parameter) =>
        parameter.ParameterType.Assembly == typeof(BodyTextFilter).Assembly
        && parameter.ParameterType.IsClass
        && parameter.GetCustomAttribute<AsParametersAttribute>() is null
        && !parameter.GetCustomAttributes().Any(a => a is IFromQueryMetadata or IFromRouteMetadata or IFromHeaderMetadata or IFromServiceMetadata);

    private static void Check(object body, ref InputErrors? errors)
    {
        foreach (var (name, property) in Fields.GetOrAdd(body.GetType(), TextFields))
        {
            switch (property.GetValue(body))
            {
                case string text when TextInputCheck.Problem(text) is { } problem:
                    (errors ??= new()).Add(name, problem);
                    break;
                case IEnumerable items and not string:
                    var i = 0;
                    foreach (var item in items)
                    {
                        if (item is string text && TextInputCheck.Problem(text) is { } itemProblem)
                        {
                            (errors ??= new()).Add($"{name}[{i}]", itemProblem);
                        }

                        i++;
                    }

                    break;
            }
        }
    }

    private static (string, PropertyInfo)[] TextFields(Type type) =>
    [
        .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(string) || typeof(IEnumerable<string?>).IsAssignableFrom(p.PropertyType))
            .Select(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name, p)),
    ];
}
