import type { Db, Tx } from '../core/db/index.ts'
import { addDays, clock, shanghaiInstant } from '../core/clock.ts'
import { bucketEnd, bucketOf, periodKey } from './buckets.ts'

const LOCK = 0x58_54_4d_44 // "XTMD"
/** Another key space for the week and month buckets, so a bucket never shares a lock with a day. */
const BUCKET_LOCK = LOCK + 1

/**
 * Aggregate one Beijing day (`YYYY-MM-DD`) into the metrics tables: who was active, who signed in for the
 * first time, and each unit's figures. Idempotent: the day's rows are deleted and written again in one
 * transaction, so a re-run (the day still in progress, a late event) replaces them. Reads only what the
 * modules already write — the audit log, sessions, document tasks, meetings, supervision reports,
 * messages, app installs and app usage — once per day, never on a page load.
 *
 * A person counts in the unit of their primary post (主岗; else their first post), so a unit's subtree is
 * the sum of its units and nobody counts twice. Accounts and activations are as at the end of the day by
 * today's directory (the directory keeps no history of posts).
 */
export async function aggregateDay(db: Db | Tx, day: string): Promise<{ units: number; active: number; ms: number }> {
  const run = async (tx: Tx) => {
    const started = Date.now()
    const start = shanghaiInstant(day)
    const end = shanghaiInstant(addDays(day, 1))
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK}::int, hashtext(${day}))`

    // 开通: the first successful sign-in (audited), or a session made that day. LEAST keeps the earliest,
    // whatever order days are run in.
    await tx.$executeRaw`
      INSERT INTO "MetricsActivation" ("personId", day)
      SELECT x.pid, ${day}::date FROM (
        SELECT "actorId" AS pid FROM "AuditEvent"
         WHERE action = 'auth.sign_in' AND outcome = 'SUCCESS' AND "actorId" IS NOT NULL AND "occurredAt" >= ${start} AND "occurredAt" < ${end}
        UNION SELECT "personId" FROM "Session" WHERE "createdAt" >= ${start} AND "createdAt" < ${end}
      ) x
      ON CONFLICT ("personId") DO UPDATE SET day = LEAST("MetricsActivation".day, EXCLUDED.day)`

    // 活跃: signed in or acted during the day — one row per person, so weeks and months count people once.
    await tx.$executeRaw`DELETE FROM "MetricsActivity" WHERE day = ${day}::date`
    const active = await tx.$executeRaw`
      WITH home AS (
        SELECT DISTINCT ON (p."personId") p."personId" AS person_id, p."unitId" AS unit_id
          FROM "Post" p ORDER BY p."personId", p."isPrimary" DESC, p."sortOrder", p.id
      ), acted AS (
        SELECT "actorId" AS pid FROM "AuditEvent" WHERE "occurredAt" >= ${start} AND "occurredAt" < ${end} AND outcome = 'SUCCESS' AND "actorId" IS NOT NULL
        UNION SELECT "personId" FROM "Session" WHERE ("lastSeenAt" >= ${start} AND "lastSeenAt" < ${end}) OR ("createdAt" >= ${start} AND "createdAt" < ${end})
        UNION SELECT "senderId" FROM "Message" WHERE "createdAt" >= ${start} AND "createdAt" < ${end}
        UNION SELECT "actedById" FROM "DocumentTask" WHERE "actedAt" >= ${start} AND "actedAt" < ${end} AND "actedById" IS NOT NULL
        UNION SELECT "personId" FROM "MicroAppUsage" WHERE day = ${day}::date
      )
      INSERT INTO "MetricsActivity" (day, "personId", "unitId")
      SELECT ${day}::date, h.person_id, h.unit_id FROM home h JOIN acted a ON a.pid = h.person_id`

    // Each unit's figures, gathered as (unit, metric, n) and pivoted: one row per unit with anything to say.
    await tx.$executeRaw`DELETE FROM "MetricsUnitDay" WHERE day = ${day}::date`
    const units = await tx.$executeRaw`
      WITH home AS (
        SELECT DISTINCT ON (p."personId") p."personId" AS person_id, p."unitId" AS unit_id
          FROM "Post" p ORDER BY p."personId", p."isPrimary" DESC, p."sortOrder", p.id
      ), tasks AS (
        SELECT t."documentId", t."actedById", t."createdAt", t."actedAt" FROM "DocumentTask" t
         WHERE t.status = 'DONE' AND t."actedAt" >= ${start} AND t."actedAt" < ${end}
      ), figures (unit_id, metric, n) AS (
        SELECT h.unit_id, 'accounts', count(*) FROM home h JOIN "Person" p ON p.id = h.person_id
         WHERE p."isActive" AND p."createdAt" < ${end} GROUP BY h.unit_id
        UNION ALL SELECT h.unit_id, 'activated', count(*) FROM home h JOIN "Person" p ON p.id = h.person_id
          JOIN "MetricsActivation" a ON a."personId" = p.id AND a.day <= ${day}::date
         WHERE p."isActive" AND p."createdAt" < ${end} GROUP BY h.unit_id
        UNION ALL SELECT "unitId", 'active', count(*) FROM "MetricsActivity" WHERE day = ${day}::date GROUP BY "unitId"
        UNION ALL SELECT h.unit_id, 'documents', count(DISTINCT t."documentId") FROM tasks t JOIN home h ON h.person_id = t."actedById" GROUP BY h.unit_id
        UNION ALL SELECT h.unit_id, 'steps', count(*) FROM tasks t JOIN home h ON h.person_id = t."actedById" GROUP BY h.unit_id
        UNION ALL SELECT h.unit_id, 'seconds', sum(round(extract(epoch FROM t."actedAt" - t."createdAt")))::bigint FROM tasks t JOIN home h ON h.person_id = t."actedById" GROUP BY h.unit_id
        UNION ALL SELECT "organiserUnitId", 'meetings', count(*) FROM "Meeting"
         WHERE "startsAt" >= ${start} AND "startsAt" < ${end} AND status <> 'CANCELLED' GROUP BY "organiserUnitId"
        UNION ALL SELECT COALESCE(r."unitId", h.unit_id), 'reports', count(*) FROM "SupervisionReport" r LEFT JOIN home h ON h.person_id = r."authorId"
         WHERE r."createdAt" >= ${start} AND r."createdAt" < ${end} GROUP BY 1
        UNION ALL SELECT h.unit_id, 'messages', count(*) FROM "Message" m JOIN home h ON h.person_id = m."senderId"
         WHERE m."createdAt" >= ${start} AND m."createdAt" < ${end} GROUP BY h.unit_id
        UNION ALL SELECT "unitId", 'installs', count(*) FROM "MicroAppInstall" WHERE "createdAt" < ${end} GROUP BY "unitId"
        UNION ALL SELECT COALESCE(u."unitId", h.unit_id), 'opens', sum(u.opens) FROM "MicroAppUsage" u LEFT JOIN home h ON h.person_id = u."personId"
         WHERE u.day = ${day}::date GROUP BY 1
      )
      INSERT INTO "MetricsUnitDay" (day, "unitId", accounts, activated, active, "documentsHandled", "stepsHandled", "stepSeconds", "meetingsHeld", "supervisionReports", "messagesSent", "appsInstalled", "appOpens")
      SELECT ${day}::date, f.unit_id,
        COALESCE(sum(n) FILTER (WHERE metric = 'accounts'), 0), COALESCE(sum(n) FILTER (WHERE metric = 'activated'), 0),
        COALESCE(sum(n) FILTER (WHERE metric = 'active'), 0), COALESCE(sum(n) FILTER (WHERE metric = 'documents'), 0),
        COALESCE(sum(n) FILTER (WHERE metric = 'steps'), 0), COALESCE(sum(n) FILTER (WHERE metric = 'seconds'), 0),
        COALESCE(sum(n) FILTER (WHERE metric = 'meetings'), 0), COALESCE(sum(n) FILTER (WHERE metric = 'reports'), 0),
        COALESCE(sum(n) FILTER (WHERE metric = 'messages'), 0), COALESCE(sum(n) FILTER (WHERE metric = 'installs'), 0),
        COALESCE(sum(n) FILTER (WHERE metric = 'opens'), 0)
      FROM figures f JOIN "Unit" u ON u.id = f.unit_id
      GROUP BY f.unit_id`

    // Weekly and monthly actives of the day's week and month, per unit, written again from the daily rows:
    // a week or month view then reads one row per unit and bucket instead of every (day, person) row.
    await rewriteUnitPeriods(tx, day)

    // Handling time per step (核稿, 签发…): the step's name as the document's workflow names it.
    await tx.$executeRaw`DELETE FROM "MetricsStepDay" WHERE day = ${day}::date`
    await tx.$executeRaw`
      WITH home AS (
        SELECT DISTINCT ON (p."personId") p."personId" AS person_id, p."unitId" AS unit_id
          FROM "Post" p ORDER BY p."personId", p."isPrimary" DESC, p."sortOrder", p.id
      )
      INSERT INTO "MetricsStepDay" (day, "unitId", "stepName", tasks, seconds)
      SELECT ${day}::date, h.unit_id, COALESCE(d.workflow -> t."stepIndex" ->> 'name', '#' || t."stepIndex"), count(*),
             sum(round(extract(epoch FROM t."actedAt" - t."createdAt")))::bigint
        FROM "DocumentTask" t JOIN "Document" d ON d.id = t."documentId" JOIN home h ON h.person_id = t."actedById"
       WHERE t.status = 'DONE' AND t."actedAt" >= ${start} AND t."actedAt" < ${end}
       GROUP BY 1, 2, 3`

    const ms = Date.now() - started
    await tx.$executeRaw`
      INSERT INTO "MetricsRun" (day, "ranAt", ms) VALUES (${day}::date, ${clock.now()}, ${ms})
      ON CONFLICT (day) DO UPDATE SET "ranAt" = EXCLUDED."ranAt", ms = EXCLUDED.ms`
    return { units, active, ms }
  }
  return '$transaction' in db ? (db as Db).$transaction(run, { timeout: 120_000 }) : run(db as Tx)
}

/**
 * Distinct active people per unit in the week and the month holding `day`, rebuilt whole from
 * `MetricsActivity` (a re-run of a day may take people out as well as add them, so the bucket is never
 * patched). A person active in several units during the bucket (a new primary post) counts once, in the
 * unit of their last active day in it, so units add up. One lock per bucket: days of one week run in
 * two transactions queue here, and the later one, reading after the earlier committed, sees both days.
 */
async function rewriteUnitPeriods(tx: Tx, day: string): Promise<void> {
  for (const period of ['week', 'month'] as const) {
    const start = bucketOf(period, day)
    const end = bucketEnd(period, start)
    const key = periodKey[period]
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${BUCKET_LOCK}::int, hashtext(${`${key}:${start}`}))`
    await tx.$executeRaw`DELETE FROM "MetricsUnitPeriod" WHERE period = ${key}::"MetricsPeriod" AND start = ${start}::date`
    await tx.$executeRaw`
      INSERT INTO "MetricsUnitPeriod" (period, start, "unitId", active)
      SELECT ${key}::"MetricsPeriod", ${start}::date, x."unitId", count(*) FROM (
        SELECT DISTINCT ON ("personId") "unitId" FROM "MetricsActivity"
         WHERE day BETWEEN ${start}::date AND ${end}::date ORDER BY "personId", day DESC
      ) x GROUP BY x."unitId"`
  }
}
