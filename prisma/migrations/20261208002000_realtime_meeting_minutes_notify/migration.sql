-- The meeting's co-edited minutes (`meeting-minutes:<id>`) turn read-only when the minutes are issued
-- as a document or the meeting is cancelled, and their editors change with the organiser and chair:
-- NOTIFY the co-editing servers (channel of 20261207232000_realtime_document_notify) so they re-check
-- those connections at once rather than at the 30 s backstop.
CREATE FUNCTION xietong_notify_realtime_meeting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('xietong_realtime_document', 'meeting-minutes:' || NEW.id::text);
  RETURN NULL;
END
$$;

CREATE TRIGGER "Meeting_realtime_document" AFTER UPDATE ON "Meeting"
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD."minutesDocumentId" IS DISTINCT FROM NEW."minutesDocumentId"
    OR OLD."organiserId" IS DISTINCT FROM NEW."organiserId" OR OLD."chairId" IS DISTINCT FROM NEW."chairId" OR OLD."organiserUnitId" IS DISTINCT FROM NEW."organiserUnitId")
  EXECUTE FUNCTION xietong_notify_realtime_meeting();
