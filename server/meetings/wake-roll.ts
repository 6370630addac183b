import type { Tx } from '../core/db/index.ts'
import { INBOX_CHANNEL } from '../core/events.ts'

/**
 * The organiser's roll is live through the inbox's badge stream (as reporting's board is): a change to
 * the roll (an answer, a unit naming its attendees, a check-in in the room or by video) wakes the
 * streams of those who may see the roll — the organiser and the holders of `meeting.organise` over
 * the organiser unit, `meetingPolicy.mayManageMeeting` as a query — when `tx` commits. Their open
 * meeting page refreshes on it (`LiveRefresh`).
 */
export async function wakeRoll(tx: Tx, meetingId: string): Promise<void> {
  // One statement: find them and NOTIFY, 150 ids a payload (NOTIFY's limit is 8000 bytes), as
  // `notifyInboxChanged` does. It runs on every check-in, so it costs one round trip, not two.
  await tx.$executeRaw`
    WITH viewers AS (
      SELECT m."organiserId" AS id FROM "Meeting" m WHERE m.id = ${meetingId}::uuid
      UNION
      SELECT g."personId" FROM "Meeting" m
        JOIN "Unit" mu ON mu.id = m."organiserUnitId"
        JOIN "RoleGrant" g ON true
        JOIN "Role" r ON r.id = g."roleId" JOIN "Unit" u ON u.id = g."unitId" JOIN "Person" p ON p.id = g."personId"
       WHERE m.id = ${meetingId}::uuid AND 'meeting.organise' = ANY(r.permissions) AND p."isActive" AND u."isActive"
         AND (u.path = mu.path OR (g."includesSubunits" AND mu.path LIKE u.path || '%'))
    ), numbered AS (SELECT id, (row_number() OVER () - 1) / 150 AS chunk FROM viewers)
    SELECT pg_notify(${INBOX_CHANNEL}, string_agg(id::text, ',')) FROM numbered GROUP BY chunk`
}
