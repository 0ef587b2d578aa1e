using MockExams.Grains.HubSpot;
using MockExams.Grains.HubSpot.Wire;

namespace MockExams.Tests.Grains.HubSpot;

public sealed class HubSpotErrorsTests
{
    private static readonly HubSpotCall Call = new(HttpMethod.Post, "/crm/objects/2026-09/2-41000002", null, HubSpotLane.UserWrite,
        HubSpotCallKind.Standard, Retryable: false, "booking", "8800");

    [Fact]
    public void Status400_Validation_KeepsHubSpotsErrors()
    {
        var body = new HubSpotErrorBody(Message: "Property values were not valid", CorrelationId: "c-1", Category: "VALIDATION_ERROR",
            Errors: [new HubSpotErrorBodyDetail("Property \"x\" does not exist", "PROPERTY_DOESNT_EXIST", Context: new() { ["propertyName"] = ["x"] })]);

        var error = Assert.IsType<HubSpotValidationException>(HubSpotErrors.ToException(400, body, Call));

        Assert.Equal(new HubSpotErrorDetail("Property \"x\" does not exist", "PROPERTY_DOESNT_EXIST", "x"), Assert.Single(error.Errors));
        Assert.Equal(("VALIDATION_ERROR", "c-1", 400), (error.Category, error.CorrelationId, error.StatusCode));
    }

    [Fact]
    public void Status400_AlreadyHasThatValue_IsAConflict()
    {
        var body = new HubSpotErrorBody(Message: "booking_id already has that value: bk-1", Category: "VALIDATION_ERROR",
            Context: new() { ["propertyName"] = ["booking_id"] });

        var error = Assert.IsType<HubSpotConflictException>(HubSpotErrors.ToException(400, body, Call));

        Assert.Equal("booking_id", error.PropertyName);
    }

    [Fact]
    public void Status409_IsAConflict_WithTheExistingId()
    {
        var body = new HubSpotErrorBody(Message: "Contact already exists. Existing ID: 4451", Category: "CONFLICT");

        var error = Assert.IsType<HubSpotConflictException>(HubSpotErrors.ToException(409, body, Call));

        Assert.Equal("4451", error.ExistingId);
    }

    [Theory]
    [InlineData(401, typeof(HubSpotAuthException))]
    [InlineData(403, typeof(HubSpotAuthException))]
    [InlineData(404, typeof(HubSpotNotFoundException))]
    [InlineData(423, typeof(HubSpotLockedException))]
    [InlineData(500, typeof(HubSpotTransientException))]
    [InlineData(502, typeof(HubSpotTransientException))]
    [InlineData(504, typeof(HubSpotTransientException))]
    [InlineData(477, typeof(HubSpotTransientException))]
    [InlineData(418, typeof(HubSpotUnexpectedResponseException))]
    public void Status_BecomesItsType(int status, Type expected)
    {
        Assert.IsType(expected, HubSpotErrors.ToException(status, null, Call));
    }

    [Fact]
    public void NotFound_NamesTheRecord()
    {
        var error = Assert.IsType<HubSpotNotFoundException>(HubSpotErrors.ToException(404, new HubSpotErrorBody(Category: "OBJECT_NOT_FOUND"), Call));

        Assert.Equal(("booking", "8800"), (error.ObjectType, error.Id));
    }

    [Theory]
    [InlineData("OBJECT_ALREADY_EXISTS", "x", true)]
    [InlineData("VALIDATION_ERROR", "A booking with booking_id bk-1 already exists", true)]
    [InlineData("VALIDATION_ERROR", "Property values were not valid", false)]
    public void UniqueConflict_IsRecognisedInBatchErrors(string category, string message, bool conflict)
    {
        Assert.Equal(conflict, HubSpotErrors.IsUniqueConflict(new HubSpotErrorBody(Message: message, Category: category)));
    }
}
