-- An Idempotency-Key is claimed for its request (caller, operation, body) before the write is decided, so one key used
-- at once for two different requests (two exams, two bodies) is refused for the second instead of writing twice.
-- The first answer itself stays in idempotency_keys, written with the flush that gave it.
CREATE TABLE IF NOT EXISTS public.idempotency_claims (
    key text PRIMARY KEY,
    request_hash text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL DEFAULT now() + interval '24 hours'
);
COMMENT ON TABLE public.idempotency_claims IS 'Idempotency-Keys (scoped to caller and operation) held by the request they were first used for.';
COMMENT ON COLUMN public.idempotency_claims.key IS 'operation:subject:key, as the api scopes it.';
CREATE INDEX IF NOT EXISTS idx_idempotency_claims_expires_at ON public.idempotency_claims (expires_at);

-- Not for the Data API (see the replica tables).
ALTER TABLE public.idempotency_claims ENABLE ROW LEVEL SECURITY;

DO $$
DECLARE
    api_role text;
BEGIN
    FOREACH api_role IN ARRAY ARRAY['anon', 'authenticated'] LOOP
        IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = api_role) THEN
            EXECUTE format('REVOKE ALL ON TABLE public.idempotency_claims FROM %I', api_role);
        END IF;
    END LOOP;
END
$$;
