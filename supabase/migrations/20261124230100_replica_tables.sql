-- The HubSpot replica: one row per HubSpot mock exam and per HubSpot booking.
--
-- A database where the seed's SQL (the PRD, Step 1) already ran must migrate in place without
-- losing a row, so this migration first creates the tables exactly in the seed's shape (a no-op
-- when they exist) and then alters them to the target shape. Every statement is idempotent.

-- The seed stored UTC values in `timestamp` columns. Converting them to `timestamptz` reads them
-- in the session time zone, so pin it to UTC for this transaction, whatever the server default.
SET LOCAL TimeZone = 'UTC';

-- 1. The seed's shape.

CREATE TABLE IF NOT EXISTS public.hubspot_bookings (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    hubspot_id text UNIQUE NOT NULL,
    booking_id text,
    mock_exam_id text,
    contact_id text,
    student_id text,
    student_name text,
    student_email text,
    booking_status text,
    is_active text,
    attendance text,
    attending_location text,
    exam_date timestamp,
    dominant_hand text,
    created_at timestamp,
    updated_at timestamp,
    synced_at timestamp DEFAULT now()
);

CREATE TABLE IF NOT EXISTS public.hubspot_mock_exams (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    hubspot_id text UNIQUE NOT NULL,
    mock_exam_name text,
    mock_type text,
    exam_date date,
    start_time text,
    end_time text,
    location text,
    capacity integer,
    total_bookings integer DEFAULT 0,
    is_active text,
    created_at timestamp,
    updated_at timestamp,
    synced_at timestamp DEFAULT now()
);

-- 2. The target shape. ALTER COLUMN ... TYPE to the type a column already has rewrites nothing,
-- so running this again is cheap.

ALTER TABLE public.hubspot_mock_exams
    ALTER COLUMN created_at TYPE timestamptz,
    ALTER COLUMN updated_at TYPE timestamptz,
    ALTER COLUMN synced_at TYPE timestamptz,
    ALTER COLUMN synced_at SET DEFAULT now(),
    ALTER COLUMN total_bookings SET DEFAULT 0,
    ADD COLUMN IF NOT EXISTS hs_last_modified_at timestamptz,
    ADD COLUMN IF NOT EXISTS deleted_at timestamptz;

-- exam_date is a HubSpot `date` property (midnight UTC): the seed's `timestamp` becomes a `date`,
-- the same calendar day as the stored UTC value, as hubspot_mock_exams.exam_date already is.
ALTER TABLE public.hubspot_bookings
    ALTER COLUMN exam_date TYPE date USING exam_date::date,
    ALTER COLUMN created_at TYPE timestamptz,
    ALTER COLUMN updated_at TYPE timestamptz,
    ALTER COLUMN synced_at TYPE timestamptz,
    ALTER COLUMN synced_at SET DEFAULT now(),
    ADD COLUMN IF NOT EXISTS hs_last_modified_at timestamptz,
    ADD COLUMN IF NOT EXISTS deleted_at timestamptz;

COMMENT ON TABLE public.hubspot_mock_exams IS
    'Replica of HubSpot mock exams (system of record: HubSpot). Written only by the service.';
COMMENT ON COLUMN public.hubspot_mock_exams.hubspot_id IS 'HubSpot record id of the exam.';
COMMENT ON COLUMN public.hubspot_mock_exams.total_bookings IS
    'Exact number of active bookings of this exam, kept in the same transaction as the bookings.';
COMMENT ON COLUMN public.hubspot_mock_exams.created_at IS 'HubSpot createdAt.';
COMMENT ON COLUMN public.hubspot_mock_exams.updated_at IS 'HubSpot updatedAt.';
COMMENT ON COLUMN public.hubspot_mock_exams.synced_at IS 'When the service last wrote this row.';
COMMENT ON COLUMN public.hubspot_mock_exams.hs_last_modified_at IS
    'HubSpot hs_lastmodifieddate of the version held here; an upsert never replaces a newer version with an older one.';
COMMENT ON COLUMN public.hubspot_mock_exams.deleted_at IS
    'Set when the record was archived or deleted in HubSpot (soft delete); reads skip such rows.';

COMMENT ON TABLE public.hubspot_bookings IS
    'Replica of HubSpot bookings (system of record: HubSpot). Written only by the service.';
COMMENT ON COLUMN public.hubspot_bookings.hubspot_id IS 'HubSpot record id of the booking.';
COMMENT ON COLUMN public.hubspot_bookings.booking_id IS 'HubSpot booking_id, a unique value property.';
COMMENT ON COLUMN public.hubspot_bookings.mock_exam_id IS 'HubSpot record id of the booked exam.';
COMMENT ON COLUMN public.hubspot_bookings.exam_date IS 'HubSpot date property (midnight UTC), as a calendar date.';
COMMENT ON COLUMN public.hubspot_bookings.created_at IS 'HubSpot createdAt.';
COMMENT ON COLUMN public.hubspot_bookings.updated_at IS 'HubSpot updatedAt.';
COMMENT ON COLUMN public.hubspot_bookings.synced_at IS 'When the service last wrote this row.';
COMMENT ON COLUMN public.hubspot_bookings.hs_last_modified_at IS
    'HubSpot hs_lastmodifieddate of the version held here; an upsert never replaces a newer version with an older one.';
COMMENT ON COLUMN public.hubspot_bookings.deleted_at IS
    'Set when the record was archived or deleted in HubSpot (soft delete); reads skip such rows.';

-- 3. Indexes.

-- Every upsert targets ON CONFLICT (hubspot_id). The seed's UNIQUE constraint already provides
-- this index under this name; the statement only matters for a table created some other way.
CREATE UNIQUE INDEX IF NOT EXISTS hubspot_mock_exams_hubspot_id_key ON public.hubspot_mock_exams (hubspot_id);
CREATE UNIQUE INDEX IF NOT EXISTS hubspot_bookings_hubspot_id_key ON public.hubspot_bookings (hubspot_id);

-- The seed's idx_*_hubspot_id duplicate the unique index above (same single column, same order),
-- so they only cost writes; nothing depends on them. idx_bookings_exam_id is the leading column of
-- idx_bookings_exam_status below, which serves every query it served.
DROP INDEX IF EXISTS public.idx_exams_hubspot_id;
DROP INDEX IF EXISTS public.idx_bookings_hubspot_id;

-- Exam list: filters on is_active, exam_date range, mock_type, location; ordered by exam_date;
-- soft-deleted exams never listed.
CREATE INDEX IF NOT EXISTS idx_exams_date
    ON public.hubspot_mock_exams (exam_date) WHERE deleted_at IS NULL;
CREATE INDEX IF NOT EXISTS idx_exams_active_date
    ON public.hubspot_mock_exams (is_active, exam_date) WHERE deleted_at IS NULL;
CREATE INDEX IF NOT EXISTS idx_exams_type_date
    ON public.hubspot_mock_exams (mock_type, exam_date) WHERE deleted_at IS NULL;
CREATE INDEX IF NOT EXISTS idx_exams_location_date
    ON public.hubspot_mock_exams (location, exam_date) WHERE deleted_at IS NULL;
-- Incremental sync and reconciliation walk rows by HubSpot modification time.
CREATE INDEX IF NOT EXISTS idx_exams_hs_last_modified
    ON public.hubspot_mock_exams (hs_last_modified_at);

-- Bookings of an exam (optionally by status), including soft-deleted ones for audit, so not partial.
CREATE INDEX IF NOT EXISTS idx_bookings_exam_status
    ON public.hubspot_bookings (mock_exam_id, booking_status);
DROP INDEX IF EXISTS public.idx_bookings_exam_id;
-- "Does this student already hold a booking for this exam?"
CREATE INDEX IF NOT EXISTS idx_bookings_exam_contact
    ON public.hubspot_bookings (mock_exam_id, contact_id);
-- booking_id is unique in HubSpot; intent recovery and lookups go by it.
CREATE UNIQUE INDEX IF NOT EXISTS uq_bookings_booking_id
    ON public.hubspot_bookings (booking_id) WHERE booking_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_bookings_hs_last_modified
    ON public.hubspot_bookings (hs_last_modified_at);

-- 4. Not for the Data API: RLS on with no policy (nothing visible to anon or authenticated),
-- and their grants revoked. The service connects as the table owner, which bypasses RLS.
ALTER TABLE public.hubspot_mock_exams ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.hubspot_bookings ENABLE ROW LEVEL SECURITY;

DO $$
DECLARE
    api_role text;
BEGIN
    FOREACH api_role IN ARRAY ARRAY['anon', 'authenticated'] LOOP
        IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = api_role) THEN
            EXECUTE format('REVOKE ALL ON TABLE public.hubspot_mock_exams, public.hubspot_bookings FROM %I', api_role);
        END IF;
    END LOOP;
END
$$;
