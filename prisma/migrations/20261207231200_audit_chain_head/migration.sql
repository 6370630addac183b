-- The audit chain's head in one round trip: take the chain lock, then read the last hash (in that order:
-- plpgsql runs its statements one after another, and the SELECT takes its snapshot after the lock is
-- held, so it sees every record committed before). Before, these were two statements inside the lock,
-- which every audited action of the platform waits for (server/core/audit/record-audit.ts).
CREATE FUNCTION xietong_audit_chain_head(lock_key bigint) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  RETURN (SELECT hash FROM "AuditEvent" ORDER BY id DESC LIMIT 1);
END
$$;

-- A standalone audit record (not part of a change's transaction: a micro-app's bridge call) in one
-- statement: the lock, the head, the insert, the commit. The caller hashed the record against the head
-- it expected; if the head moved, nothing is written and the current head is returned ('' for an empty
-- log) to hash against and try again. NULL: appended. (server/core/audit/append-audit.ts)
CREATE FUNCTION xietong_audit_append(lock_key bigint, expected_prev text, record jsonb) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  head text;
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  SELECT hash INTO head FROM "AuditEvent" ORDER BY id DESC LIMIT 1;
  IF head IS DISTINCT FROM expected_prev THEN
    RETURN coalesce(head, '');
  END IF;
  INSERT INTO "AuditEvent" ("occurredAt", "actorId", "actorName", action, "objectType", "objectId", outcome, ip, "requestId", details, "prevHash", hash, "hashVersion")
  SELECT r."occurredAt", r."actorId", r."actorName", r.action, r."objectType", r."objectId", r.outcome, r.ip, r."requestId", r.details, r."prevHash", r.hash, r."hashVersion"
    FROM jsonb_populate_record(NULL::"AuditEvent", record) r;
  RETURN NULL;
END
$$;
