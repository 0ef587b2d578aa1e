-- Orleans grain state and reminders in this database, for Microsoft.Orleans.Persistence.AdoNet and
-- Microsoft.Orleans.Reminders.AdoNet (invariant "Npgsql"). Clustering goes through Redis, so no
-- membership tables here.
--
-- The providers' contract, as their 10.x code reads it:
-- * At start each provider runs `SELECT QueryKey, QueryText FROM OrleansQuery` (unquoted, so the
--   table is public.orleansquery through the search path) and then only ever runs those texts.
--   Storage needs WriteToStorageKey, ReadFromStorageKey, ClearStorageKey and, for
--   DeleteStateOnClear, DeleteStorageKey; reminders need every one of UpsertReminderRowKey,
--   ReadReminderRowsKey, ReadReminderRowKey, ReadRangeRows1Key, ReadRangeRows2Key,
--   DeleteReminderRowKey and DeleteReminderRowsKey, or they refuse to start.
-- * Parameters arrive by name (@GrainIdHash ...) with the types the provider gives them:
--   int4 hashes and versions, int8 key halves, text strings, bytea payload, timestamptz start time,
--   int4 or int8 period. Results are read by column name, so the aliases below are the contract.
-- * Grain state versions are the ETag. A write or clear that does not match the stored version
--   must leave the row alone and answer the caller's own version (or nothing), which Orleans
--   reports as an InconsistentStateException.
-- The table layout behind the queries is ours.

CREATE TABLE IF NOT EXISTS public.orleansquery (
    querykey varchar(64) PRIMARY KEY,
    querytext text NOT NULL
);
COMMENT ON TABLE public.orleansquery IS 'The statements the Orleans ADO.NET providers run, by key.';

-- Grain state.

CREATE TABLE IF NOT EXISTS public.orleans_storage (
    grain_id_hash integer NOT NULL,
    grain_type_hash integer NOT NULL,
    service_id text NOT NULL,
    grain_id_n0 bigint NOT NULL,
    grain_id_n1 bigint NOT NULL,
    grain_type text NOT NULL,
    grain_id_extension text,
    payload_binary bytea,
    version integer NOT NULL,
    modified_on timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE public.orleans_storage IS 'Orleans grain state (ADO.NET grain storage), one row per grain and state name.';

-- One row per grain identity, even when two activations race to write a new grain's first state
-- (the loser's insert does nothing and it gets a version conflict). A grain without key extension
-- is one identity too, hence the second, partial index (NULLS NOT DISTINCT would need
-- PostgreSQL 15, and a Supabase project may be older).
CREATE UNIQUE INDEX IF NOT EXISTS orleans_storage_grain
    ON public.orleans_storage (grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1, grain_type, grain_id_extension)
    WHERE grain_id_extension IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS orleans_storage_grain_without_extension
    ON public.orleans_storage (grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1, grain_type)
    WHERE grain_id_extension IS NULL;
-- The queries match the extension with IS NOT DISTINCT FROM, which no partial index serves; the
-- two hashes alone nearly always single out the row.
CREATE INDEX IF NOT EXISTS orleans_storage_lookup ON public.orleans_storage (grain_id_hash, grain_type_hash);

-- Writes a grain's state if the caller holds the current version, and returns the new version.
-- p_expected_version null means "no state stored yet": insert version 1 unless a row exists.
-- On a conflict it returns p_expected_version unchanged (null for a lost first insert).
CREATE OR REPLACE FUNCTION public.orleans_write_storage(
    p_grain_id_hash integer,
    p_grain_id_n0 bigint,
    p_grain_id_n1 bigint,
    p_grain_type_hash integer,
    p_grain_type text,
    p_grain_id_extension text,
    p_service_id text,
    p_expected_version integer,
    p_payload bytea)
RETURNS integer
LANGUAGE plpgsql
SET search_path = ''
AS $$
DECLARE
    new_version integer;
BEGIN
    IF p_expected_version IS NULL THEN
        INSERT INTO public.orleans_storage AS s (
            grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1, grain_type,
            grain_id_extension, payload_binary, version, modified_on)
        VALUES (
            p_grain_id_hash, p_grain_type_hash, p_service_id, p_grain_id_n0, p_grain_id_n1, p_grain_type,
            p_grain_id_extension, p_payload, 1, now())
        ON CONFLICT DO NOTHING
        RETURNING s.version INTO new_version;
    ELSE
        UPDATE public.orleans_storage AS s
        SET payload_binary = p_payload,
            version = s.version + 1,
            modified_on = now()
        WHERE s.grain_id_hash = p_grain_id_hash
          AND s.grain_type_hash = p_grain_type_hash
          AND s.service_id = p_service_id
          AND s.grain_id_n0 = p_grain_id_n0
          AND s.grain_id_n1 = p_grain_id_n1
          AND s.grain_type = p_grain_type
          AND s.grain_id_extension IS NOT DISTINCT FROM p_grain_id_extension
          AND s.version = p_expected_version
        RETURNING s.version INTO new_version;
    END IF;

    RETURN coalesce(new_version, p_expected_version);
END
$$;

-- Reminders.

CREATE TABLE IF NOT EXISTS public.orleans_reminders (
    service_id text NOT NULL,
    grain_id text NOT NULL,
    reminder_name text NOT NULL,
    start_time timestamptz NOT NULL,
    period bigint NOT NULL,
    grain_hash integer NOT NULL,
    version integer NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);
COMMENT ON TABLE public.orleans_reminders IS 'Orleans reminders (ADO.NET reminder table).';
COMMENT ON COLUMN public.orleans_reminders.period IS 'Milliseconds.';
-- Each silo reads the reminders of its hash range.
CREATE INDEX IF NOT EXISTS orleans_reminders_service_hash ON public.orleans_reminders (service_id, grain_hash);

-- The statements, keyed as the providers ask for them. Upserted, so a later migration can change a
-- text by running this pattern again.

INSERT INTO public.orleansquery (querykey, querytext) VALUES
('WriteToStorageKey', $q$
SELECT public.orleans_write_storage(
    @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
    @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary) AS "NewGrainStateVersion";
$q$),
('ReadFromStorageKey', $q$
SELECT payload_binary AS "PayloadBinary", version AS "Version"
FROM public.orleans_storage
WHERE grain_id_hash = @GrainIdHash
  AND grain_type_hash = @GrainTypeHash
  AND service_id = @ServiceId
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_type = @GrainTypeString
  AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString;
$q$),
('ClearStorageKey', $q$
UPDATE public.orleans_storage
SET payload_binary = NULL, version = version + 1, modified_on = now()
WHERE grain_id_hash = @GrainIdHash
  AND grain_type_hash = @GrainTypeHash
  AND service_id = @ServiceId
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_type = @GrainTypeString
  AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version AS "NewGrainStateVersion";
$q$),
-- Orleans treats the returned "version + 1" as proof that the version it held was the one deleted.
('DeleteStorageKey', $q$
DELETE FROM public.orleans_storage
WHERE grain_id_hash = @GrainIdHash
  AND grain_type_hash = @GrainTypeHash
  AND service_id = @ServiceId
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_type = @GrainTypeString
  AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version + 1 AS "NewGrainStateVersion";
$q$),
-- A new reminder starts at version 0; every later upsert of it increments the version (its ETag).
('UpsertReminderRowKey', $q$
INSERT INTO public.orleans_reminders AS r
    (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = excluded.start_time,
    period = excluded.period,
    grain_hash = excluded.grain_hash,
    version = r.version + 1
RETURNING r.version AS "Version";
$q$),
('ReadReminderRowsKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
FROM public.orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId;
$q$),
('ReadReminderRowKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
FROM public.orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;
$q$),
-- The silo's range (BeginHash, EndHash] of signed hashes, used when BeginHash < EndHash ...
('ReadRangeRows1Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
FROM public.orleans_reminders
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash;
$q$),
-- ... and the range that wraps around the end of the ring otherwise.
('ReadRangeRows2Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
FROM public.orleans_reminders
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
$q$),
-- Orleans reads one column: non-zero when the row with that version was deleted.
('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM public.orleans_reminders
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
      AND version = @Version
    RETURNING 1)
SELECT count(*)::integer AS "Deleted" FROM deleted;
$q$),
('DeleteReminderRowsKey', $q$
DELETE FROM public.orleans_reminders WHERE service_id = @ServiceId;
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- Not for the Data API (see the replica tables). A function is callable by PUBLIC by default,
-- which PostgREST would expose as an RPC, hence the REVOKE from PUBLIC.
ALTER TABLE public.orleansquery ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.orleans_storage ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.orleans_reminders ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON FUNCTION public.orleans_write_storage(integer, bigint, bigint, integer, text, text, text, integer, bytea) FROM PUBLIC;

DO $$
DECLARE
    api_role text;
BEGIN
    FOREACH api_role IN ARRAY ARRAY['anon', 'authenticated'] LOOP
        IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = api_role) THEN
            EXECUTE format(
                'REVOKE ALL ON TABLE public.orleansquery, public.orleans_storage, public.orleans_reminders FROM %I',
                api_role);
            EXECUTE format(
                'REVOKE ALL ON FUNCTION public.orleans_write_storage(integer, bigint, bigint, integer, text, text, text, integer, bytea) FROM %I',
                api_role);
        END IF;
    END LOOP;
END
$$;
