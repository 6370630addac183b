import type { Db, Tx } from '../core/db/index.ts'
import { AppError } from '../core/errors.ts'
import { leaveRuleStep } from './schemas.ts'
import { z } from 'zod'

export type RuleStep = z.infer<typeof leaveRuleStep>
export type ChainStep = { role: RuleStep['role']; approverId: string; approverName: string }

/** The template when an organisation has none: the division head, then the office for more than 3 days. */
export const DEFAULT_RULE: RuleStep[] = [{ role: 'DIVISION_HEAD' }, { role: 'OFFICE', overDays: 3 }]

type UnitRow = { id: string; path: string; kind: string; organCode: string | null; parentId: string | null }

/**
 * The organisation whose office handles a person's leave: the nearest unit above (or at) theirs that
 * issues documents (has an organ code), else the nearest that is not a division.
 */
export async function organisationOf(db: Db | Tx, unit: { path: string }): Promise<UnitRow[]> {
  const ids = unit.path.split('/').filter(Boolean)
  const units = await db.unit.findMany({ where: { id: { in: ids } }, select: { id: true, path: true, kind: true, organCode: true, parentId: true } })
  return units.sort((a, b) => b.path.length - a.path.length)
}

export function pickOrgan(chain: UnitRow[]): UnitRow {
  return chain.find((u) => u.organCode) ?? chain.find((u) => u.kind !== 'DIVISION') ?? chain[0]!
}

/**
 * 处长/科长 of the applicant: the principal (else a deputy) of their unit; a head asks the head of the unit
 * above, and so on up. Never the applicant.
 */
async function divisionHead(db: Db | Tx, applicantId: string, chain: UnitRow[]) {
  for (const unit of chain) {
    const posts = await db.post.findMany({
      where: { unitId: unit.id, leaderRank: { in: ['PRINCIPAL', 'DEPUTY'] }, personId: { not: applicantId }, person: { isActive: true } },
      select: { leaderRank: true, sortOrder: true, person: { select: { id: true, name: true, sortOrder: true } } },
    })
    const applicantLeads = await db.post.count({ where: { unitId: unit.id, personId: applicantId, leaderRank: 'PRINCIPAL' } })
    if (applicantLeads) continue
    const best = posts.sort((a, b) => (a.leaderRank === b.leaderRank ? a.person.sortOrder - b.person.sortOrder : a.leaderRank === 'PRINCIPAL' ? -1 : 1))[0]
    if (best) return { approverId: best.person.id, approverName: best.person.name }
  }
  return null
}

/** The office: whoever holds leave.manage over the organisation (granted there or above it), first by directory order. */
async function officeApprover(db: Db | Tx, applicantId: string, organ: UnitRow) {
  const above = organ.path.split('/').filter(Boolean)
  const grants = await db.roleGrant.findMany({
    where: { role: { permissions: { has: 'leave.manage' } }, personId: { not: applicantId }, person: { isActive: true }, OR: [{ unitId: organ.id }, { unitId: { in: above }, includesSubunits: true }] },
    select: { unitId: true, person: { select: { id: true, name: true, sortOrder: true } } },
  })
  // The nearest grant wins (the organisation's own office before a city-wide one).
  const best = grants.sort((a, b) => above.indexOf(b.unitId) - above.indexOf(a.unitId) || a.person.sortOrder - b.person.sortOrder)[0]
  return best ? { approverId: best.person.id, approverName: best.person.name } : null
}

/** The approval steps for a leave of `halfDays`, from the organisation's template (or the default). */
export async function approvalChain(db: Db | Tx, applicantId: string, chain: UnitRow[], organ: UnitRow, halfDays: number): Promise<ChainStep[]> {
  const rule = await db.leaveRule.findUnique({ where: { unitId: organ.id } })
  const steps = rule ? z.array(leaveRuleStep).parse(rule.steps) : DEFAULT_RULE
  const out: ChainStep[] = []
  for (const step of steps) {
    if (step.overDays !== undefined && halfDays <= step.overDays * 2) continue
    const approver = step.role === 'DIVISION_HEAD' ? await divisionHead(db, applicantId, chain) : await officeApprover(db, applicantId, organ)
    if (!approver) throw new AppError('leave.no_approver', { step: step.role })
    // The same person twice in a row (a small office's head is also its office) approves once.
    if (out.at(-1)?.approverId !== approver.approverId) out.push({ role: step.role, ...approver })
  }
  if (out.length === 0) throw new AppError('leave.no_approver', { step: 'DIVISION_HEAD' })
  return out
}
