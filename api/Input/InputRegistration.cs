namespace MockExams.Api.Input;

public static class InputRegistration
{
    /// <summary>
    /// JSON bodies: a property named twice is refused (400) instead of the last one silently winning, so a body
    /// cannot carry one value past a check and another into the write.
    /// </summary>
    public static IHostApplicationBuilder AddMockExamsInput(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.AllowDuplicateProperties = false);
        return builder;
    }
}
