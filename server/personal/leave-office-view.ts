import type { Db } from '../core/db/index.ts'
import { unitScopeWhere, type Actor } from '../core/authz/index.ts'
import { notFound } from '../core/errors.ts'
import { z } from 'zod'
import { DEFAULT_RULE } from './approval-chain.ts'
import { leavePolicy } from './policy.ts'
import { leaveRuleStep } from './schemas.ts'

const PAGE = 300

/**
 * 请假管理 (the leave office's page): the organisations whose leave office the actor is; for the chosen
 * one, its approval rule (or the default) and the annual leave of its people for a year — entitlement,
 * carried over, used, pending, left — optionally narrowed to a unit below it. Out of scope is not found.
 */
export async function leaveOfficeView(db: Db, actor: Actor, options: { organId?: string; unitId?: string; year: number }) {
  const organs = await db.unit.findMany({
    where: { AND: [unitScopeWhere(actor, 'leave.manage'), { isActive: true }, { OR: [{ organCode: { not: null } }, { kind: { not: 'DIVISION' } }] }] },
    orderBy: { path: 'asc' }, select: { id: true, name: true, path: true, depth: true }, take: 200,
  })
  const organId = options.organId ?? organs[0]?.id
  if (!organId) return { organs, organ: null }
  const organ = await db.unit.findUnique({ where: { id: organId }, select: { id: true, name: true, path: true, isActive: true } })
  if (!organ?.isActive || !leavePolicy.isOffice(actor, organ)) throw notFound()
  const units = await db.unit.findMany({ where: { path: { startsWith: organ.path }, isActive: true }, orderBy: { path: 'asc' }, select: { id: true, name: true, depth: true, path: true }, take: 500 })
  const within = options.unitId ? units.find((u) => u.id === options.unitId) : organ
  if (!within) throw notFound()
  const [posts, rule] = await Promise.all([
    db.post.findMany({
      where: { isPrimary: true, person: { isActive: true }, unit: { path: { startsWith: within.path } } },
      orderBy: [{ unit: { path: 'asc' } }, { sortOrder: 'asc' }, { person: { sortOrder: 'asc' } }],
      select: { personId: true, title: true, person: { select: { name: true } }, unit: { select: { name: true } } },
      take: PAGE + 1,
    }),
    db.leaveRule.findUnique({ where: { unitId: organ.id } }),
  ])
  const ids = posts.slice(0, PAGE).map((p) => p.personId)
  const [balances, used] = await Promise.all([
    db.leaveBalance.findMany({ where: { personId: { in: ids }, year: options.year } }),
    db.leaveRequest.groupBy({ by: ['personId', 'status'], where: { personId: { in: ids }, year: options.year, type: 'ANNUAL', status: { in: ['PENDING', 'APPROVED'] } }, _sum: { halfDays: true } }),
  ])
  const balanceOf = new Map(balances.map((b) => [b.personId, b]))
  const sum = (personId: string, status: string) => used.find((u) => u.personId === personId && u.status === status)?._sum.halfDays ?? 0
  const people = posts.slice(0, PAGE).map((p) => {
    const b = balanceOf.get(p.personId)
    const entitledHalfDays = b?.entitledHalfDays ?? 0
    const carriedHalfDays = b?.carriedHalfDays ?? 0
    const usedHalfDays = sum(p.personId, 'APPROVED')
    const pendingHalfDays = sum(p.personId, 'PENDING')
    return {
      id: p.personId, name: p.person.name, unit: p.unit.name, title: p.title, revision: b ? b.revision : null,
      entitledHalfDays, carriedHalfDays, usedHalfDays, pendingHalfDays, remainingHalfDays: entitledHalfDays + carriedHalfDays - usedHalfDays - pendingHalfDays,
    }
  })
  const steps = rule ? z.array(leaveRuleStep).safeParse(rule.steps) : null
  return {
    organs: organs.map(({ path: _path, ...o }) => o),
    organ: { id: organ.id, name: organ.name },
    units: units.map(({ path: _path, ...u }) => u),
    unitId: within.id,
    year: options.year,
    people,
    isTruncated: posts.length > PAGE,
    rule: { steps: steps?.success ? steps.data : DEFAULT_RULE, revision: rule?.revision ?? null, isDefault: !rule },
  }
}
