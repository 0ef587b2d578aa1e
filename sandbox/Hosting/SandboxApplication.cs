using MockExams.Sandbox.Admin;
using MockExams.Sandbox.Associations;
using MockExams.Sandbox.Configuration;
using MockExams.Sandbox.Crm;
using MockExams.Sandbox.Http;
using MockExams.Sandbox.Limits;
using MockExams.Sandbox.Objects;
using MockExams.Sandbox.Persistence;
using MockExams.Sandbox.Observability;
using MockExams.Sandbox.Search;
using MockExams.Sandbox.Webhooks;

namespace MockExams.Sandbox.Hosting;

/// <summary>The sandbox's wiring, shared by Program.cs (its own process) and <see cref="SandboxHost"/> (inside tests).</summary>
public static class SandboxApplication
{
    /// <param name="time">The clock of budgets, search lag and timestamps; tests pass a manual one.</param>
    public static void AddSandbox(this WebApplicationBuilder builder, SandboxSettings settings, TimeProvider? time = null)
    {
        var services = builder.Services;
        services.ConfigureHttpJsonOptions(o => SandboxJson.Apply(o.SerializerOptions));
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddSingleton(new SandboxConfig(settings));
        services.AddSingleton(new ObjectTypeCatalog(settings));
        services.AddSingleton<SearchIndex>();
        services.AddSingleton<CrmStore>();
        services.AddSingleton<RecordViews>();
        services.AddSingleton<HubSpotRateLimiter>();
        services.AddSingleton<SandboxStats>();
        services.AddSingleton<SandboxSeeder>();
        services.AddSingleton<DataFileService>();
        services.AddHostedService(sp => sp.GetRequiredService<DataFileService>());
        services.AddSingleton<WebhookRegistry>();
        services.AddSingleton<WebhookQueue>();
        services.AddSingleton<IRecordChangeListener>(sp => sp.GetRequiredService<WebhookQueue>());
        services.AddHostedService<WebhookDeliveryService>();
        services.AddHttpClient(WebhookDeliveryService.HttpClientName);
        services.AddSingleton(sp => new AssociationCatalog(sp.GetRequiredService<SandboxConfig>().Current, sp.GetRequiredService<ObjectTypeCatalog>()));
    }

    public static WebApplication UseSandbox(this WebApplication app)
    {
        app.Services.GetRequiredService<DataFileService>().Load();
        app.UseCorrelationId();
        app.UseRouting();
        app.UseMiddleware<CrmGatewayMiddleware>();
        app.MapObjects();
        app.MapSearch();
        app.MapAssociations();
        app.MapSandboxAdmin();
        app.MapSandboxWebhooks();
        app.MapFallback(() => new ErrorResult(new CrmError(StatusCodes.Status404NotFound, "OBJECT_NOT_FOUND", "Resource not found")));
        return app;
    }

    /// <summary>Reads the "Sandbox" section (env Sandbox__X, --Sandbox:X=, --data file).</summary>
    public static SandboxSettings ReadSettings(IConfiguration configuration) =>
        configuration.GetSection(SandboxSettings.SectionName).Get<SandboxSettings>() ?? new SandboxSettings();
}
