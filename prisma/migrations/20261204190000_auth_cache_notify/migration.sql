-- Each web process keeps sessions and grants in memory between requests (server/auth/auth-cache.ts)
-- and forgets them the moment they change: these triggers NOTIFY `xietong_auth_changed` with the
-- person's id when a session of theirs is deleted or changed, their sign-in fields or active flag
-- change, or a grant of theirs is made, changed or removed; with '*' when a role's permissions or a
-- unit's active flag or place change (every cached grant). NOTIFY is transactional: it is delivered
-- once the change commits, and identical payloads of one transaction are delivered once.
CREATE FUNCTION xietong_notify_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME IN ('Role', 'Unit') THEN
    PERFORM pg_notify('xietong_auth_changed', '*');
  ELSIF TG_TABLE_NAME = 'Person' THEN
    PERFORM pg_notify('xietong_auth_changed', NEW.id::text);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('xietong_auth_changed', OLD."personId"::text);
  ELSE
    PERFORM pg_notify('xietong_auth_changed', NEW."personId"::text);
    IF TG_OP = 'UPDATE' AND OLD."personId" IS DISTINCT FROM NEW."personId" THEN
      PERFORM pg_notify('xietong_auth_changed', OLD."personId"::text);
    END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Session_auth_changed" AFTER DELETE OR UPDATE OF "personId", "csrfToken", "isSecondFactorPending", "expiresAt" ON "Session"
  FOR EACH ROW EXECUTE FUNCTION xietong_notify_auth_changed();

CREATE TRIGGER "Person_auth_changed" AFTER UPDATE OF "isActive", "name", "account", "mustChangePassword", "passwordChangedAt", "passwordHash" ON "Person"
  FOR EACH ROW EXECUTE FUNCTION xietong_notify_auth_changed();

CREATE TRIGGER "RoleGrant_auth_changed" AFTER INSERT OR UPDATE OR DELETE ON "RoleGrant"
  FOR EACH ROW EXECUTE FUNCTION xietong_notify_auth_changed();

CREATE TRIGGER "Role_auth_changed" AFTER UPDATE OF "permissions" OR DELETE ON "Role"
  FOR EACH STATEMENT EXECUTE FUNCTION xietong_notify_auth_changed();

CREATE TRIGGER "Unit_auth_changed" AFTER UPDATE OF "isActive", "path" ON "Unit"
  FOR EACH STATEMENT EXECUTE FUNCTION xietong_notify_auth_changed();
