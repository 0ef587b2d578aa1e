-- The replica sync engine (issue 7): backfill checkpoints and progress, the webhook inbox, run details
-- and a lease that lets one backfill run at a time across silos and CLIs. Every statement is idempotent.

-- 1. sync_state: one row per HubSpot object type ('mock_exams', 'bookings').

ALTER TABLE public.sync_state
    ADD COLUMN IF NOT EXISTS backfill_started_at timestamptz,
    ADD COLUMN IF NOT EXISTS backfill_progress jsonb NOT NULL DEFAULT '{}'::jsonb;

COMMENT ON COLUMN public.sync_state.backfill_cursor IS
    'Checkpoint of an unfinished backfill (JSON: the exam list cursor, and the booking ids below/above which '
    'every booking is written); null when no backfill is unfinished. Written in the same transaction as the rows it covers.';
COMMENT ON COLUMN public.sync_state.backfill_started_at IS
    'When the current (or last) backfill started; the first incremental sync starts from here, so nothing changed '
    'during the backfill is missed.';
COMMENT ON COLUMN public.sync_state.backfill_progress IS
    'Counters of the current (or last) backfill: {"written": n, "total": n, "calls": n, "searchCalls": n}.';
COMMENT ON COLUMN public.sync_state.last_backfill_at IS 'When the last complete backfill finished; null: none has.';
COMMENT ON COLUMN public.sync_state.last_incremental_at IS
    'When the last successful incremental sync started its search: changes older than this minus the search lag are in the replica.';

INSERT INTO public.sync_state (object_type) VALUES ('mock_exams'), ('bookings') ON CONFLICT (object_type) DO NOTHING;

-- 2. sync_runs: what a reconcile found, by id (bounded samples), next to its counts.

ALTER TABLE public.sync_runs
    ADD COLUMN IF NOT EXISTS details jsonb NOT NULL DEFAULT '{}'::jsonb;
COMMENT ON COLUMN public.sync_runs.details IS
    'Run details, e.g. for reconcile {"missing": ["id", ...], "stale": [...]} (at most a few hundred ids per list).';
CREATE INDEX IF NOT EXISTS idx_sync_runs_object_kind_started ON public.sync_runs (object_type, kind, started_at DESC);

-- 3. webhook_events: the inbox. The api stores each delivered event once (dedupe_key) and answers at once;
-- the sync grain fetches the changed records from HubSpot and applies them through the exam grains.

ALTER TABLE public.webhook_events
    ADD COLUMN IF NOT EXISTS event_id bigint,
    ADD COLUMN IF NOT EXISTS subscription_type text,
    ADD COLUMN IF NOT EXISTS object_type_id text,
    ADD COLUMN IF NOT EXISTS object_id text,
    ADD COLUMN IF NOT EXISTS property_name text,
    ADD COLUMN IF NOT EXISTS occurred_at timestamptz,
    ADD COLUMN IF NOT EXISTS attempts integer NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS last_error text;

COMMENT ON COLUMN public.webhook_events.dedupe_key IS
    'HubSpot may deliver an event more than once and eventId is not guaranteed unique: a hash of '
    'subscriptionId, objectTypeId, objectId, subscriptionType, occurredAt, propertyName and propertyValue.';
COMMENT ON COLUMN public.webhook_events.applied_at IS 'When the changed record was applied to the replica; null: pending.';
COMMENT ON COLUMN public.webhook_events.attempts IS 'Failed attempts to apply it (HubSpot unreachable, over budget).';

CREATE INDEX IF NOT EXISTS idx_webhook_events_pending
    ON public.webhook_events (received_at) WHERE applied_at IS NULL;

-- 4. sync_leases: a named lease with an expiry, renewed while its holder works. Unlike a session advisory
-- lock it survives a transaction-mode pooler, and a holder that dies frees it when it expires.

CREATE TABLE IF NOT EXISTS public.sync_leases (
    name text PRIMARY KEY,
    owner text NOT NULL,
    acquired_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
COMMENT ON TABLE public.sync_leases IS 'Who runs a singleton sync job (e.g. backfill) right now, until when.';

ALTER TABLE public.sync_leases ENABLE ROW LEVEL SECURITY;

DO $$
DECLARE
    api_role text;
BEGIN
    FOREACH api_role IN ARRAY ARRAY['anon', 'authenticated'] LOOP
        IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = api_role) THEN
            EXECUTE format('REVOKE ALL ON TABLE public.sync_leases FROM %I', api_role);
        END IF;
    END LOOP;
END
$$;
