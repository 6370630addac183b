-- The co-editing server re-checks a connection's access when something that decides it changes,
-- instead of asking for every connection every two seconds (that grew with connections: 350 editors
-- cost about 175 document reads a second). Added here:
--   `xietong_realtime_document` with the co-edited document's name (`document:<id>`) when a document
--   moves (its revision, status, sign-off or co-drafters change) or its tasks change;
--   `xietong_realtime_access` (the person channel of 20261203114500) also when a person's posts or a
--   delegation to them change, as those decide what a person may do with a document.
-- NOTIFY is transactional and identical payloads of one transaction are delivered once.
CREATE FUNCTION xietong_notify_realtime_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'Document' THEN
    PERFORM pg_notify('xietong_realtime_document', 'document:' || NEW.id::text);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('xietong_realtime_document', 'document:' || OLD."documentId"::text);
  ELSE
    PERFORM pg_notify('xietong_realtime_document', 'document:' || NEW."documentId"::text);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Document_realtime_document" AFTER UPDATE ON "Document"
  FOR EACH ROW WHEN (OLD.revision IS DISTINCT FROM NEW.revision OR OLD.status IS DISTINCT FROM NEW.status
    OR OLD."signedOffAt" IS DISTINCT FROM NEW."signedOffAt" OR OLD."collaboratorIds" IS DISTINCT FROM NEW."collaboratorIds")
  EXECUTE FUNCTION xietong_notify_realtime_document();

CREATE TRIGGER "DocumentTask_realtime_document" AFTER INSERT OR UPDATE OR DELETE ON "DocumentTask"
  FOR EACH ROW EXECUTE FUNCTION xietong_notify_realtime_document();

CREATE FUNCTION xietong_notify_realtime_person() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'Delegation' THEN
    IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('xietong_realtime_access', OLD."deputyId"::text); END IF;
    IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('xietong_realtime_access', NEW."deputyId"::text); END IF;
  ELSE
    IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('xietong_realtime_access', OLD."personId"::text); END IF;
    IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('xietong_realtime_access', NEW."personId"::text); END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Post_realtime_access" AFTER INSERT OR UPDATE OR DELETE ON "Post"
  FOR EACH ROW EXECUTE FUNCTION xietong_notify_realtime_person();

CREATE TRIGGER "Delegation_realtime_access" AFTER INSERT OR UPDATE OR DELETE ON "Delegation"
  FOR EACH ROW EXECUTE FUNCTION xietong_notify_realtime_person();
