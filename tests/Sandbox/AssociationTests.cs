using System.Net;
using static MockExams.Tests.Sandbox.SandboxClient;

namespace MockExams.Tests.Sandbox;

public sealed class AssociationTests
{
    [Fact]
    public async Task PutDefault_BookingToContact_AnswersBothDirectionsAndBothRecordsSeeIt()
    {
        await using var sandbox = await StartAsync();
        var booking = await sandbox.CreateAsync("bookings", new { booking_id = "A1" });
        var contact = await sandbox.CreateAsync("contacts", new { email = "a1@example.ca" });

        var response = await sandbox.PutAsync($"crm/v4/objects/bookings/{booking}/associations/default/contacts/{contact}");
        var fromContact = await sandbox.GetAsync($"crm/v4/objects/contacts/{contact}/associations/bookings");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var results = response.Body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([103, 104], results.Select(r => r.GetProperty("associationSpec").GetProperty("associationTypeId").GetInt32()));
        Assert.All(results, r => Assert.Equal("USER_DEFINED", r.GetProperty("associationSpec").GetProperty("associationCategory").GetString()));
        var listed = Assert.Single(fromContact.Body.GetProperty("results").EnumerateArray());
        Assert.Equal(booking, listed.GetProperty("toObjectId").GetString());
        Assert.Equal(104, listed.GetProperty("associationTypes")[0].GetProperty("typeId").GetInt32());
    }

    [Fact]
    public async Task DatedPaths_AssociateAndBatchRead_WorkLikeV4()
    {
        await using var sandbox = await StartAsync();
        var exam = await sandbox.CreateAsync("mock_exams", new { mock_exam_name = "E" });
        var first = await sandbox.CreateAsync("bookings", new { booking_id = "D1" });
        var second = await sandbox.CreateAsync("bookings", new { booking_id = "D2" });

        var associate = await sandbox.PostAsync("crm/associations/2026-09/bookings/mock_exams/batch/associate/default", new
        {
            inputs = new[] { new { from = new { id = first }, to = new { id = exam } }, new { from = new { id = second }, to = new { id = exam } } },
        });
        var read = await sandbox.PostAsync("crm/associations/2026-09/mock_exams/bookings/batch/read", new { inputs = new[] { new { id = exam } } });

        Assert.Equal(HttpStatusCode.OK, associate.Status);
        Assert.Equal(HttpStatusCode.OK, read.Status);
        var result = Assert.Single(read.Body.GetProperty("results").EnumerateArray());
        Assert.Equal(exam, result.GetProperty("from").GetProperty("id").GetString());
        Assert.Equal([first, second], result.GetProperty("to").EnumerateArray().Select(t => t.GetProperty("toObjectId").GetString()));
    }

    [Fact]
    public async Task BatchRead_IdWithoutAssociations_Returns207WithFromObjectId()
    {
        await using var sandbox = await StartAsync();
        var lonely = await sandbox.CreateAsync("mock_exams", new { mock_exam_name = "Lonely" });

        var read = await sandbox.PostAsync("crm/v4/associations/mock_exams/bookings/batch/read", new { inputs = new[] { new { id = lonely } } });

        Assert.Equal(HttpStatusCode.MultiStatus, read.Status);
        var error = Assert.Single(read.Body.GetProperty("errors").EnumerateArray());
        Assert.Equal("OBJECT_NOT_FOUND", error.GetProperty("category").GetString());
        Assert.Equal(lonely, error.GetProperty("context").GetProperty("fromObjectId")[0].GetString());
    }

    [Fact]
    public async Task BatchRead_1001Inputs_IsRejected()
    {
        await using var sandbox = await StartAsync();
        var inputs = Enumerable.Range(0, 1001).Select(i => new { id = i.ToString() }).ToArray();

        var response = await sandbox.PostAsync("crm/v4/associations/mock_exams/bookings/batch/read", new { inputs });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("VALIDATION_ERROR", response.Body.GetProperty("category").GetString());
    }

    [Fact]
    public async Task Delete_Association_RemovesBothDirections()
    {
        await using var sandbox = await StartAsync();
        var exam = await sandbox.CreateAsync("mock_exams", new { mock_exam_name = "E" });
        var booking = await sandbox.CreateAsync("bookings", new { booking_id = "X" }, ToExam(exam));

        var delete = await sandbox.DeleteAsync($"crm/v4/objects/mock_exams/{exam}/associations/bookings/{booking}");
        var fromBooking = await sandbox.GetAsync($"crm/v4/objects/bookings/{booking}/associations/mock_exams");

        Assert.Equal(HttpStatusCode.NoContent, delete.Status);
        Assert.Empty(fromBooking.Body.GetProperty("results").EnumerateArray());
    }

    [Fact]
    public async Task Labels_BookingToExam_ListsTheConfiguredUnlabelledType()
    {
        await using var sandbox = await StartAsync(s => s with { BookingToExamAssociationTypeId = 77, ExamToBookingAssociationTypeId = 78 });

        var response = await sandbox.GetAsync("crm/v4/associations/bookings/mock_exams/labels");

        var type = Assert.Single(response.Body.GetProperty("results").EnumerateArray());
        Assert.Equal(77, type.GetProperty("typeId").GetInt32());
        Assert.Equal("USER_DEFINED", type.GetProperty("category").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, type.GetProperty("label").ValueKind);
    }

    [Fact]
    public async Task Create_InlineAssociationToMissingExam_Returns400AndWritesNothing()
    {
        await using var sandbox = await StartAsync();

        var response = await sandbox.PostAsync("crm/v3/objects/bookings", new { properties = new { booking_id = "orphan" }, associations = ToExam("404") });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await sandbox.GetAsync("crm/v3/objects/bookings/orphan?idProperty=booking_id")).Status);
    }
}
