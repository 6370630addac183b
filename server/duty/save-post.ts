import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError, notFound } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { dutyPolicy } from './policy.ts'
import { savePostInput, type SavePostInput } from './schemas.ts'

/**
 * Create or change a duty post with its shift patterns, the roles each needs and who is eligible. Only
 * people of units the manager manages may be made eligible. Patterns and roles keep their ids when sent
 * back, so rosters already made stay readable; ones left out are removed.
 */
export async function savePost(db: Db, actor: Actor, input: SavePostInput, context: RequestContext) {
  const fields = savePostInput.parse(input)
  const unit = await db.unit.findUnique({ where: { id: fields.unitId }, select: { id: true, path: true, name: true, isActive: true } })
  if (!unit || !dutyPolicy.mayManageUnit(actor, unit)) throw notFound()
  const eligible = [...new Set(fields.patterns.flatMap((p) => p.roles.flatMap((r) => r.eligible ?? [])))]
  const people = await db.person.findMany({ where: { id: { in: eligible }, isActive: true }, select: { id: true, name: true, posts: { select: { unit: { select: { path: true } } } } } })
  if (people.length !== eligible.length) throw notFound()
  const outsider = people.find((p) => !dutyPolicy.mayManagePerson(actor, { unitPaths: p.posts.map((x) => x.unit.path) }))
  if (outsider) throw new AppError('duty.person_out_of_scope', { name: outsider.name })

  return db.$transaction(async (tx) => {
    let postId = fields.id
    if (postId) {
      const rows = await tx.$queryRaw<{ unitId: string }[]>`SELECT "unitId" FROM "DutyPost" WHERE id = ${postId}::uuid FOR UPDATE`
      if (rows[0]?.unitId !== unit.id) throw notFound()
      await tx.dutyPost.update({ where: { id: postId }, data: { name: fields.name, phone: fields.phone || null, revision: { increment: 1 } } })
    } else {
      postId = (await tx.dutyPost.create({ data: { unitId: unit.id, name: fields.name, phone: fields.phone || null } })).id
    }
    const keptPatterns: string[] = []
    for (const [i, p] of fields.patterns.entries()) {
      const data = { name: p.name, startMinute: p.startMinute, durationMinutes: p.durationMinutes, appliesOn: p.appliesOn ?? 'ALL', sortOrder: i }
      const existing = p.id ? await tx.dutyShiftPattern.findFirst({ where: { id: p.id, postId } }) : null
      const pattern = existing ? await tx.dutyShiftPattern.update({ where: { id: existing.id }, data }) : await tx.dutyShiftPattern.create({ data: { ...data, postId } })
      keptPatterns.push(pattern.id)
      const keptRoles: string[] = []
      for (const [j, r] of p.roles.entries()) {
        const roleData = { name: r.name, count: r.count, isLeader: r.isLeader ?? false, sortOrder: j }
        const existingRole = r.id ? await tx.dutyShiftRole.findFirst({ where: { id: r.id, patternId: pattern.id } }) : null
        const role = existingRole ? await tx.dutyShiftRole.update({ where: { id: existingRole.id }, data: roleData }) : await tx.dutyShiftRole.create({ data: { ...roleData, patternId: pattern.id } })
        keptRoles.push(role.id)
        await tx.dutyEligibility.deleteMany({ where: { roleId: role.id } })
        await tx.dutyEligibility.createMany({ data: [...new Set(r.eligible ?? [])].map((personId) => ({ roleId: role.id, personId })) })
      }
      await tx.dutyShiftRole.deleteMany({ where: { patternId: pattern.id, id: { notIn: keptRoles } } })
    }
    await tx.dutyShiftPattern.deleteMany({ where: { postId, id: { notIn: keptPatterns } } })
    await recordAudit(tx, {
      actor, action: fields.id ? 'duty.post_update' : 'duty.post_create', objectType: 'DutyPost', objectId: postId,
      details: { unit: unit.name, name: fields.name, patterns: fields.patterns.map((p) => ({ name: p.name, roles: p.roles.map((r) => `${r.name}×${r.count}`) })), eligible: eligible.length },
      context,
    })
    return { id: postId }
  })
}
