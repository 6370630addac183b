-- The co-editing server closes a person's connections within seconds of their access ending. These
-- triggers NOTIFY `xietong_realtime_access` (server/core/events.ts) with the person's id when it may
-- have: a session of theirs deleted (signing out, sign-out-everywhere, deactivation and a password
-- change all delete sessions) or their active flag or password changed. The servers LISTEN and
-- re-check that person at once; a periodic re-check catches anything else (a session expiring).
-- NOTIFY is transactional: it is delivered once the change commits, and identical payloads of one
-- transaction are delivered once.
CREATE FUNCTION xietong_notify_realtime_access() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'Session' THEN
    PERFORM pg_notify('xietong_realtime_access', OLD."personId"::text);
    RETURN OLD;
  END IF;
  PERFORM pg_notify('xietong_realtime_access', NEW.id::text);
  RETURN NEW;
END
$$;

CREATE TRIGGER "Session_realtime_access" AFTER DELETE ON "Session"
  FOR EACH ROW EXECUTE FUNCTION xietong_notify_realtime_access();

CREATE TRIGGER "Person_realtime_access" AFTER UPDATE OF "isActive", "passwordHash" ON "Person"
  FOR EACH ROW WHEN (OLD."isActive" IS DISTINCT FROM NEW."isActive" OR OLD."passwordHash" IS DISTINCT FROM NEW."passwordHash")
  EXECUTE FUNCTION xietong_notify_realtime_access();
