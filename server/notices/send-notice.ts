import type { Db, Tx } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { escapeLike } from '../core/strings.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { createInboxItems } from '../inbox/index.ts'
import { queueMail } from '../mail/index.ts'
import { noticePolicy } from './policy.ts'
import { noticeMails } from './notice-mail.ts'
import { preferencesOf } from '../preferences/index.ts'
import { sendNoticeInput, type SendNoticeInput } from './schemas.ts'

/**
 * Send an urgent notice (必达) to whole units (and the units under them) and to named people. Every
 * active recipient gets it in the inbox and by mail, in one transaction with the notice itself;
 * deactivated people get nothing. Addressing a unit or person outside the sender's scope is refused.
 */
export type SendNoticeOptions = {
  /** Run in the notice's transaction before its audit (another module ties its row to the notice; throwing undoes both). */
  within?: (tx: Tx, noticeId: string) => Promise<void>
}

export async function sendNotice(db: Db, actor: Actor, input: SendNoticeInput, context: RequestContext, options: SendNoticeOptions = {}) {
  const fields = sendNoticeInput.parse(input)
  if (!noticePolicy.maySend(actor)) throw new AppError('forbidden')
  if (!fields.title || !fields.body) throw new AppError('notice.empty')

  const units = await db.unit.findMany({ where: { id: { in: fields.unitIds }, isActive: true }, select: { id: true, name: true, path: true } })
  if (units.length !== new Set(fields.unitIds).size) throw new AppError('not_found')
  const refused = units.find((u) => !noticePolicy.mayAddressUnit(actor, u))
  if (refused) throw new AppError('notice.unit_not_addressable', { unit: refused.name })

  const named = await db.person.findMany({
    where: { id: { in: fields.personIds } },
    select: { id: true, name: true, isActive: true, posts: { select: { unit: { select: { path: true } } } } },
  })
  if (named.length !== new Set(fields.personIds).size) throw new AppError('not_found')
  const refusedPerson = named.find((p) => !noticePolicy.mayAddressPerson(actor, { unitPaths: p.posts.map((x) => x.unit.path) }))
  if (refusedPerson) throw new AppError('notice.person_not_addressable', { name: refusedPerson.name })

  const inUnits = units.length
    ? await db.person.findMany({
        where: { isActive: true, posts: { some: { unit: { OR: units.map((u) => ({ path: { startsWith: escapeLike(u.path) } })) } } } },
        select: { id: true, email: true },
      })
    : []
  const emails = new Map(inUnits.map((p) => [p.id, p.email]))
  for (const p of named.filter((x) => x.isActive)) if (!emails.has(p.id)) emails.set(p.id, null)
  if (named.length) {
    for (const p of await db.person.findMany({ where: { id: { in: named.map((n) => n.id) } }, select: { id: true, email: true } })) {
      if (emails.has(p.id)) emails.set(p.id, p.email)
    }
  }
  const recipientIds = [...emails.keys()]
  if (recipientIds.length === 0) throw new AppError('notice.no_recipients')

  const sender = await db.person.findUniqueOrThrow({ where: { id: actor.personId }, select: { name: true, posts: { where: { isPrimary: true }, select: { unitId: true, unit: { select: { name: true } } } } } })
  const senderUnit = sender.posts[0]
  const now = clock.now()
  return db.$transaction(async (tx) => {
    const notice = await tx.notice.create({
      data: { senderId: actor.personId, senderUnitId: senderUnit?.unitId ?? null, title: fields.title, body: fields.body, urgency: fields.urgency, repingMinutes: fields.repingMinutes, repingMax: fields.repingMax, createdAt: now },
    })
    for (let i = 0; i < recipientIds.length; i += 5000) {
      await tx.$executeRaw`
        INSERT INTO "NoticeRecipient" ("noticeId", "personId", "lastPingAt")
        SELECT ${notice.id}::uuid, p, ${now} FROM unnest(${recipientIds.slice(i, i + 5000)}::uuid[]) AS p`
    }
    await createInboxItems(tx, recipientIds.map((personId) => ({
      personId, kind: 'TO_READ', module: 'notice', objectType: 'Notice', objectId: notice.id, title: notice.title,
      source: senderUnit ? `${sender.name} · ${senderUnit.unit.name}` : sender.name, url: `/notices/${notice.id}`, urgency: notice.urgency,
      unitId: senderUnit?.unitId ?? null,
    })))
    const mails = noticeMails(notice, sender, recipientIds.map((personId) => ({ personId, email: emails.get(personId) ?? null })), await preferencesOf(tx, recipientIds), now)
    await queueMail(tx, mails)
    if (options.within) await options.within(tx, notice.id)
    await recordAudit(tx, {
      actor, action: 'notice.send', objectType: 'Notice', objectId: notice.id,
      details: { title: notice.title, units: units.map((u) => u.id), people: named.map((p) => p.id), recipients: recipientIds.length, mails: mails.length },
      context,
    })
    return { id: notice.id, recipients: recipientIds.length, mails: mails.length }
  }, { timeout: 120_000 })
}
