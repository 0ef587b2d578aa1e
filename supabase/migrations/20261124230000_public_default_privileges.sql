-- Supabase serves schema public to its anon and authenticated roles through the Data API
-- (PostgREST, GraphQL). Nothing of ours is meant for them: the service connects as the owner of
-- its tables. This migration runs first so that the tables, sequences and functions the later
-- migrations create are never granted to those roles by default.
--
-- ALTER DEFAULT PRIVILEGES without FOR ROLE applies to objects created by the role running the
-- migration (postgres on Supabase). Other schemas are untouched.
-- The roles exist only on Supabase; on a plain PostgreSQL this migration does nothing.

DO $$
DECLARE
    api_role text;
BEGIN
    FOREACH api_role IN ARRAY ARRAY['anon', 'authenticated'] LOOP
        IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = api_role) THEN
            EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM %I', api_role);
            EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM %I', api_role);
            EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON FUNCTIONS FROM %I', api_role);
        END IF;
    END LOOP;
END
$$;
