import { Prisma, type Db, type Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock, days, hours } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { systemContext } from '../core/request-context.ts'
import { config } from '../core/config.ts'
import { enqueue } from '../core/jobs.ts'
import { logger } from '../core/logger.ts'
import { createInboxItems } from '../inbox/index.ts'
import { queueMail, wakeMailWorker } from '../mail/index.ts'
import { isQuietAt, preferencesOf, quietEndsAt } from '../preferences/index.ts'
import { sendPushJob } from '../push/index.ts'
import { loadSubmission } from './load-submission.ts'
import { peopleFor } from './people.ts'
import { submissionUrl, URGE_OBJECT, wakeBoard } from './work.ts'
import { urgeInput } from './schemas.ts'
import type { z } from 'zod'

export const MANUAL_URGE_INTERVAL_MS = hours(1)
/** Reminded once this long before the deadline; urged automatically once a day after it. */
export const REMIND_BEFORE_MS = days(1)

type Late = { id: string; unitId: string; title: string; collectionId: string; createdById: string; urgeCount: number }

type Push = { personIds: string[]; title: string; body: string; url: string; tag: string }

/**
 * 催报 to the unit's fillers (and reviewers, when it waits for review): one 待阅 per urge, and, as
 * supervision's urges and urgent notices do, a mail (notification preferences apply; a reminder waits
 * for the end of quiet hours, an urge does not) and a push to their devices (where push is on; a
 * reminder never wakes anyone in quiet hours). Mail is queued in this transaction; the pushes are
 * returned, to be queued after commit (`deliverPushes`).
 */
async function urgeUnits(tx: Tx, rows: Late[], kind: 'remind' | 'urge', message: string, now: Date): Promise<Push[]> {
  const [fillers, reviewers] = await Promise.all([peopleFor(tx, 'report.fill', rows.map((r) => r.unitId)), peopleFor(tx, 'report.review', rows.map((r) => r.unitId))])
  const label = kind === 'remind' ? '报送提醒' : '催报'
  const targets = rows.map((r) => ({ row: r, people: [...new Set([...(fillers.get(r.unitId) ?? []), ...(reviewers.get(r.unitId) ?? [])])] }))
  await createInboxItems(tx, targets.flatMap(({ row: r, people }) => people.map((personId) => ({
    personId, kind: 'TO_READ' as const, module: 'reporting', objectType: URGE_OBJECT, objectId: `${r.id}:${kind}:${r.urgeCount + 1}`,
    title: `${label}：${r.title}`, source: message, url: submissionUrl(r.id), urgency: kind === 'urge' ? 'URGENT' as const : 'NORMAL' as const,
  }))))
  await tx.reportSubmission.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: kind === 'remind' ? { remindedAt: now } : { urgedAt: now, urgeCount: { increment: 1 } } })
  await wakeBoard(tx, [...new Set(rows.map((r) => r.createdById))])

  const everyone = [...new Set(targets.flatMap((t) => t.people))]
  const [people, prefs] = await Promise.all([
    tx.person.findMany({ where: { id: { in: everyone }, isActive: true }, select: { id: true, email: true } }),
    preferencesOf(tx, everyone),
  ])
  const active = new Map(people.map((p) => [p.id, p.email]))
  const base = config().PUBLIC_URL.replace(/\/$/, '')
  await queueMail(tx, targets.flatMap(({ row: r, people }) => people.flatMap((personId) => {
    const to = active.get(personId)
    const pref = prefs.get(personId)
    if (!to || !pref?.emailEnabled) return []
    return [{
      to, toPersonId: personId, subject: `【${label}】${r.title}`,
      text: `${message}\n报送任务：${r.title}\n请尽快填报：${base}${submissionUrl(r.id)}\n\n——协同 政务协同办公平台`,
      notBefore: kind === 'urge' ? null : quietEndsAt(pref, now),
    }]
  })))
  return targets.map(({ row: r, people }) => ({
    personIds: people.filter((id) => active.has(id) && prefs.get(id)!.pushEnabled && (kind === 'urge' || !isQuietAt(prefs.get(id)!, now))),
    title: `【${label}】${r.title}`, body: message, url: submissionUrl(r.id), tag: `reporting-${r.id}`,
  })).filter((p) => p.personIds.length)
}

/** After commit: the pushes go to the push job, and the mail worker is woken for the mail. */
async function deliverPushes(pushes: Push[]) {
  if (!pushes.length) return
  await wakeMailWorker().catch(() => undefined)
  for (const p of pushes) await enqueue(sendPushJob, p).catch((error: unknown) => logger.warn({ err: error }, 'reporting urge push not queued'))
}

/** 催报 by hand: the office urges one late (or slow) unit; at most once an hour per submission. */
export async function urgeSubmission(db: Db, actor: Actor, id: string, input: z.input<typeof urgeInput>, context: RequestContext) {
  const f = urgeInput.parse(input)
  const now = clock.now()
  return db.$transaction(async (tx) => {
    const s = await loadSubmission(tx, actor, id, { forUpdate: true })
    if (!s.isOffice) throw new AppError('not_found')
    if (s.status === 'SUBMITTED') throw new AppError('reporting.nothing_to_urge')
    if (s.urgedAt && now.getTime() - s.urgedAt.getTime() < MANUAL_URGE_INTERVAL_MS) throw new AppError('reporting.urged_recently')
    const pushes = await urgeUnits(tx, [{ id, unitId: s.unitId, title: s.collection.title, collectionId: s.collection.id, createdById: s.collection.createdById, urgeCount: s.urgeCount }], 'urge', f.message || `${actor.name} 催报`, now)
    await recordAudit(tx, { actor, action: 'reporting.urge', objectType: 'ReportSubmission', objectId: id, context })
    return pushes
  }).then(async (pushes) => {
    await deliverPushes(pushes)
    return { ok: true }
  })
}

/**
 * The sweep: units not yet submitted are reminded once a day before the deadline, and urged once a
 * day after it (自动催报). Rows are locked with SKIP LOCKED, so two workers never urge one twice.
 */
export async function sweepLateSubmissions(db: Db): Promise<{ reminded: number; urged: number }> {
  const now = clock.now()
  const result = await db.$transaction(async (tx) => {
    const pick = (kind: 'remind' | 'urge') => tx.$queryRaw<Late[]>`
      SELECT s.id, s."unitId", c.title, c.id AS "collectionId", c."createdById", s."urgeCount" FROM "ReportSubmission" s JOIN "ReportCollection" c ON c.id = s."collectionId"
       WHERE s.status <> 'SUBMITTED' AND s.status <> 'PENDING_REVIEW'
         AND ${kind === 'remind'
           ? remindDue(now)
           : urgeDue(now)}
       ORDER BY s.id LIMIT 2000 FOR UPDATE OF s SKIP LOCKED`
    const remind = await pick('remind')
    const pushes = remind.length ? await urgeUnits(tx, remind, 'remind', '报送截止时间将至，请尽快填报', now) : []
    const urge = await pick('urge')
    if (urge.length) pushes.push(...await urgeUnits(tx, urge, 'urge', '已超过报送截止时间，请立即报送', now))
    if (remind.length + urge.length) await recordAudit(tx, { actor: null, action: 'reporting.sweep', details: { reminded: remind.length, urged: urge.length }, context: systemContext })
    return { reminded: remind.length, urged: urge.length, pushes }
  })
  await deliverPushes(result.pushes)
  return { reminded: result.reminded, urged: result.urged }
}

const remindDue = (now: Date) => Prisma.sql`c.deadline > ${now} AND c.deadline - ${now}::timestamptz <= ${`${REMIND_BEFORE_MS / 1000} seconds`}::interval AND s."remindedAt" IS NULL`
const urgeDue = (now: Date) => Prisma.sql`c.deadline <= ${now} AND (s."urgedAt" IS NULL OR s."urgedAt" <= ${now}::timestamptz - interval '1 day')`
