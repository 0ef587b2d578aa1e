-- 1. The replica's text encoding (grains/Replica/ReplicaText.cs). Postgres text cannot hold U+0000 nor a lone
-- surrogate, but HubSpot holds whatever staff type. The service escapes them with U+E000 (Private Use Area):
-- U+0000 -> U+E000 U+E001, a lone surrogate U+D800+n -> U+E000 U+E800+n, and U+E000 itself -> U+E000 U+E000.
-- Every other value is stored as it is. Values written before this migration never held U+0000 (the commit
-- failed instead); any U+E000 they hold is doubled here, so that they decode to what HubSpot holds.

UPDATE public.hubspot_mock_exams SET
    mock_exam_name = replace(mock_exam_name, U&'\E000', U&'\E000\E000'),
    mock_type = replace(mock_type, U&'\E000', U&'\E000\E000'),
    start_time = replace(start_time, U&'\E000', U&'\E000\E000'),
    end_time = replace(end_time, U&'\E000', U&'\E000\E000'),
    location = replace(location, U&'\E000', U&'\E000\E000')
WHERE concat(mock_exam_name, mock_type, start_time, end_time, location) LIKE '%' || U&'\E000' || '%';

UPDATE public.hubspot_bookings SET
    booking_id = replace(booking_id, U&'\E000', U&'\E000\E000'),
    mock_exam_id = replace(mock_exam_id, U&'\E000', U&'\E000\E000'),
    contact_id = replace(contact_id, U&'\E000', U&'\E000\E000'),
    student_id = replace(student_id, U&'\E000', U&'\E000\E000'),
    student_name = replace(student_name, U&'\E000', U&'\E000\E000'),
    student_email = replace(student_email, U&'\E000', U&'\E000\E000'),
    booking_status = replace(booking_status, U&'\E000', U&'\E000\E000'),
    attendance = replace(attendance, U&'\E000', U&'\E000\E000'),
    attending_location = replace(attending_location, U&'\E000', U&'\E000\E000'),
    dominant_hand = replace(dominant_hand, U&'\E000', U&'\E000\E000')
WHERE concat(booking_id, mock_exam_id, contact_id, student_id, student_name, student_email, booking_status,
             attendance, attending_location, dominant_hand) LIKE '%' || U&'\E000' || '%';

-- 2. Records the replica refused. When a commit fails with a data error (SQLSTATE class 22, 23 or 54: the rows,
-- not the connection), the service writes its rows one by one, keeps the good ones and records each bad one here
-- instead of retrying it forever: the rest of the commit, the exam's later writes, the sync watermark and the
-- webhook inbox move on. Any later successful write of the record (force sync, a sync that reads it again)
-- deletes its row. Shown in GET /api/admin/sync/status.
CREATE TABLE IF NOT EXISTS public.replica_quarantine (
    record_type text NOT NULL,          -- mock_exams | bookings | idempotency_keys
    record_id text NOT NULL,            -- HubSpot record id (or the Idempotency-Key)
    exam_id text,                       -- the exam whose commit carried it
    reason text NOT NULL,               -- SQLSTATE and Postgres' message
    payload text,                       -- the record as JSON (text: jsonb cannot hold \u0000)
    first_seen_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    attempts integer NOT NULL DEFAULT 1,
    PRIMARY KEY (record_type, record_id)
);

CREATE INDEX IF NOT EXISTS replica_quarantine_last_seen ON public.replica_quarantine (last_seen_at DESC);

ALTER TABLE public.replica_quarantine ENABLE ROW LEVEL SECURITY;

COMMENT ON TABLE public.replica_quarantine IS
    'Records the replica refused (data errors), kept out of their commit so the rest moves on; cleared when the record is written.';
