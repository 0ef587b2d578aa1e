using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MockExams.Api.Bookings;
using MockExams.Api.Exams;

namespace MockExams.Api.OpenApi;

/// <summary>Examples of the records a front end meets most: an exam, a booking, and the body that books a seat.</summary>
public sealed class SchemaExamples : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(ExamRow))
        {
            schema.Examples = [new JsonObject
            {
                ["hubspot_id"] = "37263543210", ["mock_exam_name"] = "SJ Mock 12", ["mock_type"] = "Situational Judgment",
                ["exam_date"] = "2027-03-14", ["start_time"] = "09:00", ["end_time"] = "12:00", ["location"] = "Toronto",
                ["capacity"] = 20, ["total_bookings"] = 7, ["is_active"] = "true", ["created_at"] = "2027-01-05T10:00:00+00:00",
                ["updated_at"] = "2027-02-01T08:30:00+00:00", ["hs_last_modified_at"] = "2027-02-01T08:30:00+00:00",
            }];
        }
        else if (type == typeof(BookingRow))
        {
            schema.Examples = [new JsonObject
            {
                ["hubspot_id"] = "41234567890", ["booking_id"] = "BK-7f3c", ["mock_exam_id"] = "37263543210",
                ["contact_id"] = "10293847", ["student_id"] = "STU-1029", ["student_name"] = "Ada Lovelace",
                ["student_email"] = "ada@example.com", ["booking_status"] = "Booked", ["is_active"] = "true",
                ["attendance"] = null, ["attending_location"] = "Toronto", ["exam_date"] = "2027-03-14",
                ["dominant_hand"] = "right", ["created_at"] = "2027-02-10T14:00:00+00:00",
                ["updated_at"] = "2027-02-10T14:00:00+00:00", ["hs_last_modified_at"] = "2027-02-10T14:00:00+00:00",
            }];
        }
        else if (type == typeof(CreateBookingRequest))
        {
            schema.Examples = [new JsonObject
            {
                ["mock_exam_id"] = "37263543210", ["contact_id"] = "10293847", ["student_id"] = "STU-1029",
                ["student_name"] = "Ada Lovelace", ["student_email"] = "ada@example.com", ["dominant_hand"] = "right",
                ["attending_location"] = "Toronto",
            }];
        }

        return Task.CompletedTask;
    }
}
