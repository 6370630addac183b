import type { Db, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock, days, hours, shanghaiDaysBetween, shanghaiYear } from '../core/clock.ts'
import { config } from '../core/config.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import { systemContext, type RequestContext } from '../core/request-context.ts'
import { createInboxItems } from '../inbox/index.ts'
import { queueMail } from '../mail/index.ts'
import { preferencesOf, quietEndsAt } from '../preferences/index.ts'
import { supervisionPolicy, viewerOf } from './policy.ts'
import { loadItem } from './load-item.ts'
import { itemUrl, OBJECT_TYPE, URGE_OBJECT } from './timeline.ts'
import { urgeInput } from './schemas.ts'
import type { z } from 'zod'

const SWEEP_LOCK = 0x58_54_53_55 // "XTSU": one urging sweep at a time across instances
export const MANUAL_URGE_INTERVAL_MS = hours(1)

export type UrgeRow = { itemId: string; unitId: string; personId: string; level: number; daysOverdue: number; message: string; autoKey: string | null; byId: string | null; title: string }

/** Take `count` consecutive 催办单 numbers for the year (督催〔2026〕N号); the counter row serialises. */
async function takeNumbers(tx: Tx, count: number, now: Date): Promise<string[]> {
  const year = shanghaiYear(now)
  const [row] = await tx.$queryRaw<{ next: number }[]>`
    INSERT INTO "SupervisionCounter" (key, next) VALUES (${`urge:${year}`}, ${count + 1})
    ON CONFLICT (key) DO UPDATE SET next = "SupervisionCounter".next + ${count} RETURNING next`
  const first = row!.next - count
  return Array.from({ length: count }, (_, i) => `督催〔${year}〕${first + i}号`)
}

const LEVEL_NAMES = ['催办', '督办升级（单位负责人）', '督办升级（分管领导）']

/**
 * Write 催办单 rows, their 待阅, mail (notification preferences apply) and timeline entries in one go.
 * Automatic urges carry an `autoKey`; a row whose key exists is skipped by the database itself.
 */
export async function issueUrges(tx: Tx, rows: UrgeRow[], now: Date): Promise<UrgeRow[]> {
  if (rows.length === 0) return []
  const numbers = await takeNumbers(tx, rows.length, now)
  const inserted = await tx.$queryRaw<{ id: string; number: string; autoKey: string | null; i: number }[]>`
    INSERT INTO "SupervisionUrge" (id, number, "itemId", "unitId", level, "toPersonId", "daysOverdue", message, automatic, "byId", "autoKey", "createdAt")
    SELECT gen_random_uuid(), t.number, t.item, t.unit, t.level, t.person, t.days, t.message, t.auto IS NOT NULL, t.by, t.auto, ${now}
      FROM unnest(${numbers}::text[], ${rows.map((r) => r.itemId)}::uuid[], ${rows.map((r) => r.unitId)}::uuid[], ${rows.map((r) => r.level)}::int[],
                  ${rows.map((r) => r.personId)}::uuid[], ${rows.map((r) => r.daysOverdue)}::int[], ${rows.map((r) => r.message)}::text[],
                  ${rows.map((r) => r.byId)}::uuid[], ${rows.map((r) => r.autoKey)}::text[]) AS t(number, item, unit, level, person, days, message, by, auto)
    ON CONFLICT ("autoKey") DO NOTHING
    RETURNING id, number, "autoKey", 0 AS i`
  const byNumber = new Map(numbers.map((n, i) => [n, rows[i]!]))
  const done = inserted.map((u) => ({ ...byNumber.get(u.number)!, id: u.id, number: u.number }))
  await createInboxItems(tx, done.map((u) => ({
    personId: u.personId, kind: 'TO_READ' as const, module: 'supervision', objectType: URGE_OBJECT, objectId: u.id,
    title: `${u.level === 0 ? '催办' : '督办'}：${u.title}`, source: `${u.number}${u.daysOverdue > 0 ? ` · 超期${u.daysOverdue}天` : ''}`, url: itemUrl(u.itemId), urgency: u.level > 0 ? 'URGENT' as const : 'NORMAL' as const,
  })))
  await tx.$executeRaw`
    INSERT INTO "SupervisionEvent" ("itemId", "actorId", action, details, at)
    SELECT t.item, t.by, CASE WHEN t.level = 0 THEN 'URGED' ELSE 'ESCALATED' END,
           jsonb_build_object('number', t.number, 'personId', t.person, 'level', t.level, 'daysOverdue', t.days, 'automatic', t.by IS NULL, 'message', t.message), ${now}
      FROM unnest(${done.map((u) => u.itemId)}::uuid[], ${done.map((u) => u.byId)}::uuid[], ${done.map((u) => u.level)}::int[], ${done.map((u) => u.number)}::text[],
                  ${done.map((u) => u.personId)}::uuid[], ${done.map((u) => u.daysOverdue)}::int[], ${done.map((u) => u.message)}::text[]) AS t(item, by, level, number, person, days, message)`
  const people = await tx.person.findMany({ where: { id: { in: [...new Set(done.map((u) => u.personId))] }, isActive: true }, select: { id: true, email: true } })
  const emails = new Map(people.map((p) => [p.id, p.email]))
  const prefs = await preferencesOf(tx, [...emails.keys()])
  const base = config().PUBLIC_URL.replace(/\/$/, '')
  await queueMail(tx, done.flatMap((u) => {
    const to = emails.get(u.personId)
    const pref = prefs.get(u.personId)
    if (!to || !pref?.emailEnabled) return []
    return [{
      to, toPersonId: u.personId, subject: `【${LEVEL_NAMES[u.level]}】${u.title}`,
      text: `${u.number}\n督办事项：${u.title}${u.daysOverdue > 0 ? `\n已超期 ${u.daysOverdue} 天` : ''}${u.message ? `\n${u.message}` : ''}\n请尽快办理并反馈进展：${base}${itemUrl(u.itemId)}\n\n——协同 政务协同办公平台`,
      notBefore: u.level > 0 ? null : quietEndsAt(pref, now),
    }]
  }))
  return done
}

/** Manual 催办 by the office, with a message, to every owner (or unit head, before 签收) of the item. */
export async function urgeItem(db: Db, actor: Actor, itemId: string, input: z.input<typeof urgeInput>, context: RequestContext) {
  const f = urgeInput.parse(input)
  const viewer = await viewerOf(db, actor)
  const now = clock.now()
  return db.$transaction(async (tx) => {
    const item = await loadItem(tx, viewer, itemId, { forUpdate: true })
    if (!supervisionPolicy.isOffice(viewer, item)) throw new AppError('not_found')
    if (item.status !== 'IN_PROGRESS') throw new AppError('supervision.nothing_to_urge')
    const last = await tx.supervisionUrge.findFirst({ where: { itemId, automatic: false }, orderBy: { createdAt: 'desc' }, select: { createdAt: true } })
    if (last && now.getTime() - last.createdAt.getTime() < MANUAL_URGE_INTERVAL_MS) throw new AppError('supervision.urged_recently', { at: new Date(last.createdAt.getTime() + MANUAL_URGE_INTERVAL_MS) })
    const rows: UrgeRow[] = []
    for (const a of item.assignments.filter((x) => x.status !== 'RETURNED')) {
      const personId = a.ownerId ?? (await tx.post.findFirst({ where: { unitId: a.unitId, leaderRank: 'PRINCIPAL', person: { isActive: true } }, select: { personId: true } }))?.personId
      if (personId) rows.push({ itemId, unitId: a.unitId, personId, level: 0, daysOverdue: Math.max(0, shanghaiDaysBetween(item.deadline, now)), message: f.message, autoKey: null, byId: actor.personId, title: item.title })
    }
    if (rows.length === 0) throw new AppError('supervision.nothing_to_urge')
    const done = await issueUrges(tx, rows, now)
    await recordAudit(tx, { actor, action: 'supervision.urge', objectType: OBJECT_TYPE, objectId: itemId, details: { people: done.map((u) => u.personId), message: f.message || undefined }, context })
    return { urged: done.length }
  })
}

/**
 * The urging sweep (自动催办), at most one at a time (advisory lock): every overdue item's owners get a
 * 催办单 (level 0); an urge without a response (a progress report or 办结申请 from the unit) for
 * SUPERVISION_ESCALATE_DAYS escalates to the unit's leader (1), then to the leader in charge (2).
 * Each (item, level, person) is urged once: `autoKey` is unique, and the lock makes a second sweep
 * see the first's rows.
 */
export async function sweepUrges(db: Db): Promise<{ urged: number; escalated: number }> {
  const now = clock.now()
  const escalateBefore = new Date(now.getTime() - days(config().SUPERVISION_ESCALATE_DAYS))
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SWEEP_LOCK})`
    const level0 = await tx.$queryRaw<{ itemId: string; unitId: string; personId: string; deadline: Date; title: string }[]>`
      SELECT i.id AS "itemId", a."unitId", COALESCE(a."ownerId", h."personId") AS "personId", i.deadline, i.title
        FROM "SupervisionItem" i
        JOIN "SupervisionAssignment" a ON a."itemId" = i.id AND a.status IN ('ACCEPTED', 'PENDING')
        LEFT JOIN LATERAL (SELECT p."personId" FROM "Post" p JOIN "Person" pe ON pe.id = p."personId" AND pe."isActive"
                            WHERE p."unitId" = a."unitId" AND p."leaderRank" = 'PRINCIPAL' ORDER BY p."sortOrder" LIMIT 1) h ON a."ownerId" IS NULL
       WHERE i.status = 'IN_PROGRESS' AND i.deadline < ${now}
         AND NOT EXISTS (SELECT 1 FROM "SupervisionUrge" u WHERE u."itemId" = i.id AND u."unitId" = a."unitId" AND u.level = 0 AND u.automatic)`
    const escalations = await tx.$queryRaw<{ itemId: string; unitId: string; personId: string; level: number; deadline: Date; title: string }[]>`
      SELECT DISTINCT ON (u."itemId", u."unitId", u.level) u."itemId", u."unitId", u.level + 1 AS level, i.deadline, i.title,
             CASE WHEN u.level = 0 THEN h."personId" ELSE c."personId" END AS "personId"
        FROM "SupervisionUrge" u
        JOIN "SupervisionItem" i ON i.id = u."itemId" AND i.status = 'IN_PROGRESS'
        JOIN "SupervisionAssignment" a ON a."itemId" = u."itemId" AND a."unitId" = u."unitId" AND a.status IN ('ACCEPTED', 'PENDING')
        JOIN "Unit" un ON un.id = u."unitId"
        LEFT JOIN LATERAL (SELECT p."personId" FROM "Post" p JOIN "Person" pe ON pe.id = p."personId" AND pe."isActive"
                            WHERE p."unitId" = u."unitId" AND p."leaderRank" = 'PRINCIPAL' ORDER BY p."sortOrder" LIMIT 1) h ON u.level = 0
        LEFT JOIN LATERAL (SELECT lc."personId" FROM "LeaderCharge" lc JOIN "Unit" cu ON cu.id = lc."unitId" JOIN "Person" pe ON pe.id = lc."personId" AND pe."isActive"
                            WHERE un.path LIKE cu.path || '%' ORDER BY cu.depth DESC LIMIT 1) c ON u.level = 1
       WHERE u.automatic AND u.level < 2 AND u."respondedAt" IS NULL AND u."createdAt" <= ${escalateBefore}
         AND NOT EXISTS (SELECT 1 FROM "SupervisionUrge" n WHERE n."itemId" = u."itemId" AND n."unitId" = u."unitId" AND n.level = u.level + 1 AND n.automatic)`
    const rows: UrgeRow[] = [
      ...level0.map((r) => ({ ...r, level: 0 })),
      ...escalations,
    ].filter((r) => r.personId).map((r) => ({
      itemId: r.itemId, unitId: r.unitId, personId: r.personId, level: r.level, daysOverdue: Math.max(0, shanghaiDaysBetween(r.deadline, now)),
      message: '', autoKey: `${r.itemId}:${r.unitId}:${r.level}`, byId: null, title: r.title,
    }))
    const done = await issueUrges(tx, rows, now)
    const escalated = done.filter((u) => u.level > 0).length
    if (done.length) await recordAudit(tx, { actor: null, action: 'supervision.urge_overdue', objectType: OBJECT_TYPE, details: { urged: done.length - escalated, escalated }, context: systemContext })
    return { urged: done.length - escalated, escalated }
  }, { timeout: 120_000 })
}
