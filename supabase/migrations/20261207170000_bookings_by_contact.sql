-- A student's own bookings (GET /api/bookings with a student token): the exams a contact holds bookings of.
CREATE INDEX IF NOT EXISTS idx_bookings_contact
    ON public.hubspot_bookings (contact_id, mock_exam_id) WHERE deleted_at IS NULL;
