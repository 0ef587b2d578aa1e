namespace MockExams.Grains.Replica;

/// <summary>
/// The columns of a replica row that the api shows, as SQL that builds its JSON object from the row aliased <c>x</c>.
/// An explicit list, not <c>row_to_json</c>: a column added to a replica table (bookkeeping like <c>synced_at</c>, or
/// anything a migration brings) stays out of the public API until it is named here. The same fields, in the same
/// order, as the api's write answers (<c>api/Bookings/BookingRow.cs</c>, <c>api/Exams/ExamRow.cs</c>), so a record
/// has one shape whichever endpoint answers it.
/// </summary>
public static class PublicRows
{
    public const string Exam = """
        json_build_object(
            'hubspot_id', x.hubspot_id, 'mock_exam_name', x.mock_exam_name, 'mock_type', x.mock_type,
            'exam_date', x.exam_date, 'start_time', x.start_time, 'end_time', x.end_time, 'location', x.location,
            'capacity', x.capacity, 'total_bookings', x.total_bookings, 'is_active', x.is_active,
            'created_at', x.created_at, 'updated_at', x.updated_at, 'hs_last_modified_at', x.hs_last_modified_at)
        """;

    public const string Booking = """
        json_build_object(
            'hubspot_id', x.hubspot_id, 'booking_id', x.booking_id, 'mock_exam_id', x.mock_exam_id,
            'contact_id', x.contact_id, 'student_id', x.student_id, 'student_name', x.student_name,
            'student_email', x.student_email, 'booking_status', x.booking_status, 'is_active', x.is_active,
            'attendance', x.attendance, 'attending_location', x.attending_location, 'exam_date', x.exam_date,
            'dominant_hand', x.dominant_hand, 'created_at', x.created_at, 'updated_at', x.updated_at,
            'hs_last_modified_at', x.hs_last_modified_at)
        """;
}
