import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { notFound } from '../core/errors.ts'
import { clock } from '../core/clock.ts'
import { dutyPolicy } from './policy.ts'

import { cellWithRoster } from './swap-helpers.ts'

/** A swap as its page shows it, to the requester, the counterpart and the unit's duty managers only. */
export async function swapDetail(db: Db, actor: Actor, swapId: string) {
  const swap = await db.dutySwap.findUnique({ where: { id: swapId } })
  if (!swap) throw notFound()
  const mine = await cellWithRoster(db, swap.assignmentId)
  if (!mine) throw notFound()
  const mayDecide = dutyPolicy.mayManageUnit(actor, mine.roster.post.unit)
  if (swap.requesterId !== actor.personId && swap.counterpartId !== actor.personId && !mayDecide) throw notFound()
  const theirs = swap.counterpartAssignmentId ? await cellWithRoster(db, swap.counterpartAssignmentId) : null
  const people = await db.person.findMany({ where: { id: { in: [swap.requesterId, swap.counterpartId] } }, select: { id: true, name: true, phone: true } })
  const roles = await db.dutyShiftRole.findMany({ where: { id: { in: [mine.roleId, ...(theirs ? [theirs.roleId] : [])] } }, select: { id: true, name: true, pattern: { select: { name: true } } } })
  const label = (c: { roleId: string; date: string; startsAt: Date; endsAt: Date }) => {
    const r = roles.find((x) => x.id === c.roleId)
    return { date: c.date, startsAt: c.startsAt, endsAt: c.endsAt, shift: r?.pattern.name ?? '', role: r?.name ?? '' }
  }
  return {
    id: swap.id, kind: swap.kind, status: swap.status, revision: swap.revision, reason: swap.reason, createdAt: swap.createdAt, rosterId: swap.rosterId,
    post: `${mine.roster.post.unit.name} ${mine.roster.post.name}`,
    requester: people.find((p) => p.id === swap.requesterId)!, counterpart: people.find((p) => p.id === swap.counterpartId)!,
    mine: label(mine), theirs: theirs ? label(theirs) : null,
    mayAnswer: swap.counterpartId === actor.personId && swap.status === 'REQUESTED',
    mayDecide: mayDecide && swap.status === 'ACCEPTED',
  }
}

/** For the swap form: colleagues eligible for my shift's role, and (for a swap) their coming shifts on the same roster that I may take. */
export async function swapOptions(db: Db, actor: Actor, assignmentId: string) {
  const mine = await cellWithRoster(db, assignmentId)
  if (!mine || mine.personId !== actor.personId || mine.roster.status !== 'PUBLISHED') throw notFound()
  const colleagues = await db.dutyEligibility.findMany({ where: { roleId: mine.roleId, personId: { not: actor.personId }, person: { isActive: true } }, select: { person: { select: { id: true, name: true } } }, orderBy: { person: { namePinyin: 'asc' } } })
  const myRoles = (await db.dutyEligibility.findMany({ where: { personId: actor.personId }, select: { roleId: true } })).map((e) => e.roleId)
  const theirs = await db.dutyAssignment.findMany({
    where: { rosterId: mine.rosterId, roleId: { in: myRoles }, personId: { in: colleagues.map((c) => c.person.id) }, startsAt: { gt: clock.now() } },
    orderBy: { startsAt: 'asc' }, take: 300, select: { id: true, date: true, personId: true, roleId: true, startsAt: true },
  })
  const roles = new Map((await db.dutyShiftRole.findMany({ where: { id: { in: [...new Set([mine.roleId, ...theirs.map((t) => t.roleId)])] } }, select: { id: true, name: true, pattern: { select: { name: true } } } })).map((r) => [r.id, `${r.pattern.name} ${r.name}`]))
  return {
    mine: { id: mine.id, date: mine.date, label: roles.get(mine.roleId) ?? '', post: `${mine.roster.post.unit.name} ${mine.roster.post.name}` },
    colleagues: colleagues.map((c) => c.person),
    theirs: theirs.map((t) => ({ id: t.id, personId: t.personId!, date: t.date, label: roles.get(t.roleId) ?? '' })),
  }
}
