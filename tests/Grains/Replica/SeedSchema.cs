namespace MockExams.Tests.Grains.Replica;

/// <summary>The seed's SQL (PRD, "Step 1: Create Supabase Tables"), verbatim: what a customer database already holds.</summary>
internal static class SeedSchema
{
    public const string Sql = """
        -- Bookings sync table
        CREATE TABLE IF NOT EXISTS public.hubspot_bookings (
          id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
          hubspot_id TEXT UNIQUE NOT NULL,
          booking_id TEXT,
          mock_exam_id TEXT,
          contact_id TEXT,
          student_id TEXT,
          student_name TEXT,
          student_email TEXT,
          booking_status TEXT,
          is_active TEXT,
          attendance TEXT,
          attending_location TEXT,
          exam_date TIMESTAMP,
          dominant_hand TEXT,
          created_at TIMESTAMP,
          updated_at TIMESTAMP,
          synced_at TIMESTAMP DEFAULT NOW()
        );

        -- Mock Exams sync table
        CREATE TABLE IF NOT EXISTS public.hubspot_mock_exams (
          id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
          hubspot_id TEXT UNIQUE NOT NULL,
          mock_exam_name TEXT,
          mock_type TEXT,
          exam_date DATE,
          start_time TEXT,
          end_time TEXT,
          location TEXT,
          capacity INTEGER,
          total_bookings INTEGER DEFAULT 0,
          is_active TEXT,
          created_at TIMESTAMP,
          updated_at TIMESTAMP,
          synced_at TIMESTAMP DEFAULT NOW()
        );

        -- Indexes
        CREATE INDEX idx_bookings_hubspot_id ON public.hubspot_bookings(hubspot_id);
        CREATE INDEX idx_bookings_exam_id ON public.hubspot_bookings(mock_exam_id);
        CREATE INDEX idx_exams_hubspot_id ON public.hubspot_mock_exams(hubspot_id);
        """;
}
