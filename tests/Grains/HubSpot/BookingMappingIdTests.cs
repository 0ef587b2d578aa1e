using MockExams.Grains.HubSpot;

namespace MockExams.Tests.Grains.HubSpot;

/// <summary>Exam ids named in a booking's properties are matched exactly, so no alias of an exam reaches a grain of its own.</summary>
public sealed class BookingMappingIdTests
{
    [Theory]
    [InlineData("123", "123")]
    [InlineData(" 123", "123")]
    [InlineData("123\t", "123")]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData("12a", null)]
    [InlineData("１２３", null)]   // full-width digits are not a HubSpot id
    [InlineData(null, null)]
    public void RecordId_TrimsAndKeepsDigitsOnly(string? value, string? expected) =>
        Assert.Equal(expected, BookingMapping.RecordId(value));
}
