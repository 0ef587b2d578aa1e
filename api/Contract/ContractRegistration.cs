using System.Text.Json;

namespace MockExams.Api.Contract;

public static class ContractRegistration
{
    /// <summary>
    /// One JSON contract: every body this api writes or reads uses snake_case names (the replica's column names), the
    /// admin endpoints included. Bodies built by Postgres follow the same names (grains/Replica/PublicRows.cs).
    /// </summary>
    public static IHostApplicationBuilder AddApiContract(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        return builder;
    }
}
