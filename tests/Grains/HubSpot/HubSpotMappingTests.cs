using MockExams.Grains.HubSpot;

namespace MockExams.Tests.Grains.HubSpot;

public sealed class HubSpotMappingTests
{
    private static readonly DateTimeOffset Modified = new(2026, 11, 20, 10, 5, 0, 123, TimeSpan.Zero);

    [Fact]
    public void Exam_NewExamRoundTrip_KeepsEveryPropertyType()
    {
        var exam = new NewExam("Mock OSCE Toronto", "Clinical Skills", new DateOnly(2026, 12, 1), "09:00", "17:00", "Toronto", 40, IsActive: true, TotalBookings: 12);

        var properties = ExamMapping.ToProperties(exam);
        var read = ExamMapping.FromProperties("501", WithSystemFrom(properties), archived: false);

        Assert.Equal("2026-12-01", properties[ExamProperties.ExamDate]);
        Assert.Equal("40", properties[ExamProperties.Capacity]);
        Assert.Equal("true", properties[ExamProperties.IsActive]);
        Assert.Equal(
            new HubSpotExam("501", "Mock OSCE Toronto", "Clinical Skills", new DateOnly(2026, 12, 1), "09:00", "17:00", "Toronto",
                40, 12, true, new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), Modified, false),
            read);
    }

    [Fact]
    public void Exam_ChangesRoundTrip_SendOnlyWhatChanged()
    {
        var properties = ExamMapping.ToProperties(new ExamChanges(Capacity: 0, IsActive: false, ExamDate: new DateOnly(2027, 1, 31)));

        Assert.Equal(
            new Dictionary<string, string> { ["capacity"] = "0", ["is_active"] = "false", ["exam_date"] = "2027-01-31" },
            properties);
        var read = ExamMapping.FromProperties("7", WithSystemFrom(properties), archived: true);
        Assert.Equal((0, false, new DateOnly(2027, 1, 31), true), (read.Capacity, read.IsActive, read.ExamDate, read.Archived));
        Assert.Null(read.MockExamName);
    }

    [Fact]
    public void Booking_NewBookingRoundTrip_KeepsEveryPropertyType()
    {
        var booking = new NewBooking("bk-1", "501", "9001", "S-77", "Émilie Tremblay", "emilie@example.ca", "Active", IsActive: true,
            "Montréal", new DateOnly(2026, 12, 1), "left", Attendance: "Yes");

        var properties = BookingMapping.ToProperties(booking);
        var read = BookingMapping.FromProperties("8800", WithSystemFrom(properties), archived: false);

        Assert.Equal(
            new HubSpotBooking("8800", "bk-1", "501", "9001", "S-77", "Émilie Tremblay", "emilie@example.ca", "Active", true, "Yes",
                "Montréal", new DateOnly(2026, 12, 1), "left", new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), Modified, false),
            read);
    }

    [Fact]
    public void Booking_Changes_SendOnlyWhatChanged()
    {
        var properties = BookingMapping.ToProperties(new BookingChanges("8800", BookingStatus: "Cancelled", IsActive: false));

        Assert.Equal(new Dictionary<string, string> { ["booking_status"] = "Cancelled", ["is_active"] = "false" }, properties);
    }

    [Theory]
    [InlineData("2026-12-01")]
    [InlineData("2026-12-01T00:00:00Z")]
    [InlineData("2026-12-01T00:00:00.000Z")]
    [InlineData("1796083200000")]
    public void Date_HubSpotForms_ReadAsTheSameDay(string value)
    {
        var exam = ExamMapping.FromProperties("1", WithSystem(new() { [ExamProperties.ExamDate] = value }), false);

        Assert.Equal(new DateOnly(2026, 12, 1), exam.ExamDate);
    }

    [Theory]
    [InlineData("2026-11-20T10:05:00.123Z")]
    [InlineData("2026-11-20T12:05:00.123+02:00")]
    [InlineData("1795169100123")]
    public void DateTime_HubSpotForms_ReadAsTheSameInstant(string value)
    {
        var exam = ExamMapping.FromProperties("1", new Dictionary<string, string?> { [HubSpotSystemProperties.LastModifiedDate] = value }, false);

        Assert.Equal(Modified, exam.LastModified);
    }

    [Theory]
    [InlineData("12", 12)]
    [InlineData("12.0", 12)]
    [InlineData("-3", -3)]
    [InlineData(" 7 ", 7)]
    public void Int_HubSpotForms_ReadAsWholeNumbers(string value, int expected)
    {
        var exam = ExamMapping.FromProperties("1", WithSystem(new() { [ExamProperties.Capacity] = value }), false);

        Assert.Equal(expected, exam.Capacity);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("false", false)]
    public void Bool_HubSpotForms_Read(string value, bool expected)
    {
        var booking = BookingMapping.FromProperties("1", WithSystem(new() { [BookingProperties.IsActive] = value }), false);

        Assert.Equal(expected, booking.IsActive);
    }

    [Fact]
    public void Missing_EmptyAndNullValues_ReadAsNull_NeverAsZero()
    {
        var exam = ExamMapping.FromProperties("1", WithSystem(new() { [ExamProperties.Capacity] = "", [ExamProperties.TotalBookings] = null }), false);

        Assert.Equal((null, null, null, null, null), (exam.Capacity, exam.TotalBookings, exam.IsActive, exam.ExamDate, exam.MockExamName));
    }

    [Theory]
    [InlineData(ExamProperties.Capacity, "forty")]
    [InlineData(ExamProperties.Capacity, "40.5")]
    [InlineData(ExamProperties.TotalBookings, "99999999999")]
    [InlineData(ExamProperties.IsActive, "yes")]
    [InlineData(ExamProperties.ExamDate, "01/12/2026")]
    [InlineData(ExamProperties.ExamDate, "2026-12-01T09:30:00Z")]
    [InlineData(HubSpotSystemProperties.LastModifiedDate, "yesterday")]
    [InlineData(HubSpotSystemProperties.LastModifiedDate, "2026-11-20T10:05:00")]
    public void Exam_BadValue_ThrowsMappingErrorNamingRecordAndProperty(string property, string value)
    {
        var properties = WithSystem(new());
        properties[property] = value;

        var error = Assert.Throws<HubSpotMappingException>(() => ExamMapping.FromProperties("501", properties, false));

        Assert.Equal(("mock exam", "501", property, value), (error.ObjectType, error.RecordId, error.PropertyName, error.Value));
        Assert.Contains("501", error.Message, StringComparison.Ordinal);
        Assert.Contains(property, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(BookingProperties.IsActive, "1")]
    [InlineData(BookingProperties.ExamDate, "tomorrow")]
    [InlineData(HubSpotSystemProperties.CreateDate, "2026-13-45T00:00:00Z")]
    public void Booking_BadValue_ThrowsMappingErrorNamingRecordAndProperty(string property, string value)
    {
        var properties = WithSystem(new());
        properties[property] = value;

        var error = Assert.Throws<HubSpotMappingException>(() => BookingMapping.FromProperties("8800", properties, false));

        Assert.Equal(("booking", "8800", property), (error.ObjectType, error.RecordId, error.PropertyName));
    }

    [Fact]
    public void LastModified_MissingEverywhere_IsAMappingError()
    {
        var error = Assert.Throws<HubSpotMappingException>(() => BookingMapping.FromProperties("8800", new Dictionary<string, string?>(), false));

        Assert.Equal(HubSpotSystemProperties.LastModifiedDate, error.PropertyName);
    }

    [Fact]
    public void LastModified_MissingProperty_FallsBackToUpdatedAt()
    {
        var booking = BookingMapping.FromProperties("8800", new Dictionary<string, string?>(), false, updatedAt: Modified);

        Assert.Equal(Modified, booking.LastModified);
    }

    [Fact]
    public void Formats_AreHubSpots()
    {
        Assert.Equal("2026-11-20T10:05:00.123Z", HubSpotValues.FormatDateTime(Modified.ToOffset(TimeSpan.FromHours(-5))));
        Assert.Equal("2026-01-02", HubSpotValues.FormatDate(new DateOnly(2026, 1, 2)));
        Assert.Equal("false", HubSpotValues.FormatBool(false));
        Assert.Equal("-12", HubSpotValues.FormatInt(-12));
    }

    private static Dictionary<string, string?> WithSystem(Dictionary<string, string?> properties)
    {
        properties.TryAdd(HubSpotSystemProperties.CreateDate, "2026-11-20T10:00:00.000Z");
        properties.TryAdd(HubSpotSystemProperties.LastModifiedDate, "2026-11-20T10:05:00.123Z");
        return properties;
    }

    private static Dictionary<string, string?> WithSystemFrom(Dictionary<string, string> properties) =>
        WithSystem(properties.ToDictionary(p => p.Key, string? (p) => p.Value));
}
