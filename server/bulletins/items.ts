import { Prisma, type Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { clock } from '../core/clock.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { completeInboxItems, createInboxItems } from '../inbox/index.ts'
import { bulletinPolicy, bulletinViewerOf, officesFor, visibleItemsSql } from './policy.ts'
import { reviewItemInput, submitItemInput, type SubmitItemInput } from './schemas.ts'
import type { z } from 'zod'

export const ITEM_OBJECT = 'BulletinItem'

/** 报送信息: a unit's person sends a news item to an office whose organisation holds the unit; the office gets one 待办. */
export async function submitItem(db: Db, actor: Actor, input: SubmitItemInput, context: RequestContext) {
  const f = submitItemInput.parse(input)
  const unit = await db.unit.findUnique({ where: { id: f.unitId }, select: { id: true, name: true, path: true } })
  if (!unit || !bulletinPolicy.maySubmitFor(actor, unit)) throw new AppError('not_found')
  if (!(await officesFor(db, unit.path)).some((o) => o.id === f.officeUnitId)) throw new AppError('reporting.unit_out_of_reach')
  return db.$transaction(async (tx) => {
    const item = await tx.bulletinItem.create({ data: { officeUnitId: f.officeUnitId, unitId: unit.id, authorId: actor.personId, title: f.title, body: f.body, submittedAt: clock.now() } })
    const editors = await tx.$queryRaw<{ personId: string }[]>`
      SELECT DISTINCT g."personId" FROM "RoleGrant" g JOIN "Role" r ON r.id = g."roleId" JOIN "Person" p ON p.id = g."personId"
       WHERE g."unitId" = ${f.officeUnitId}::uuid AND p."isActive" AND 'report.collect' = ANY(r.permissions)`
    await createInboxItems(tx, editors.map((e) => ({ personId: e.personId, kind: 'TODO' as const, module: 'reporting', objectType: ITEM_OBJECT, objectId: item.id, title: `信息：${f.title}`, source: unit.name, url: '/reporting/bulletins' })))
    await recordAudit(tx, { actor, action: 'bulletin.submit', objectType: ITEM_OBJECT, objectId: item.id, details: { title: f.title }, context })
    return { id: item.id }
  })
}

/** 采用 (with the office's edits and a score) or 不采用; once, under the item's lock and revision. */
export async function reviewItem(db: Db, actor: Actor, id: string, input: z.input<typeof reviewItemInput>, context: RequestContext) {
  const f = reviewItemInput.parse(input)
  const viewer = await bulletinViewerOf(db, actor)
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "BulletinItem" WHERE id = ${id}::uuid FOR UPDATE`
    const item = await tx.bulletinItem.findUnique({ where: { id } })
    if (!item || !bulletinPolicy.isOffice(viewer, item)) throw new AppError('not_found')
    if (item.revision !== f.revision) throw new AppError('reporting.stale')
    if (item.status !== 'SUBMITTED') throw new AppError('bulletin.not_open')
    const updated = await tx.bulletinItem.update({
      where: { id }, data: f.adopt ? { status: 'ADOPTED', score: f.score, title: f.title ?? item.title, body: f.body ?? item.body, revision: { increment: 1 } } : { status: 'NOT_ADOPTED', score: 0, revision: { increment: 1 } },
    })
    await completeInboxItems(tx, { objectType: ITEM_OBJECT, objectId: id })
    await recordAudit(tx, { actor, action: 'bulletin.review', objectType: ITEM_OBJECT, objectId: id, details: { adopt: f.adopt, score: f.adopt ? f.score : 0 }, context })
    return { revision: updated.revision }
  })
}

export type ItemRow = { id: string; title: string; body: string; unit: string; status: string; score: number; revision: number; submittedAt: Date; officeUnitId: string; issueId: string | null; issueTitle: string | null }

/** Items the viewer sees (the office's inbound items, or the unit's own), newest first. */
export async function listItems(db: Db, actor: Actor, opts: { status?: 'SUBMITTED' | 'ADOPTED' | 'NOT_ADOPTED'; unissued?: boolean } = {}) {
  const viewer = await bulletinViewerOf(db, actor)
  return db.$queryRaw<ItemRow[]>(Prisma.sql`
    SELECT b.id, b.title, b.body, u.name AS unit, b.status::text AS status, b.score, b.revision, b."submittedAt", b."officeUnitId", b."issueId", i.title AS "issueTitle"
      FROM "BulletinItem" b JOIN "Unit" u ON u.id = b."unitId" LEFT JOIN "BulletinIssue" i ON i.id = b."issueId"
     WHERE ${visibleItemsSql(viewer)}
       ${opts.status ? Prisma.sql`AND b.status = ${opts.status}::"BulletinItemStatus"` : Prisma.empty}
       ${opts.unissued ? Prisma.sql`AND b."issueId" IS NULL` : Prisma.empty}
     ORDER BY b."submittedAt" DESC LIMIT 200`)
}
