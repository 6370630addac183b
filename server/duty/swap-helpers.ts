import type { Db, Tx } from '../core/db/index.ts'
import { notFound } from '../core/errors.ts'

export const swapUrl = (id: string) => `/duty/swaps/${id}`

export async function lockSwap(tx: Tx, id: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "DutySwap" WHERE id = ${id}::uuid FOR UPDATE`
  if (!rows.length) throw notFound()
  return tx.dutySwap.findUniqueOrThrow({ where: { id } })
}

export async function cellWithRoster(tx: Tx | Db, assignmentId: string) {
  return tx.dutyAssignment.findUnique({
    where: { id: assignmentId },
    include: { roster: { include: { post: { include: { unit: { select: { id: true, name: true, path: true } } } } } }, person: { select: { id: true, name: true } } },
  })
}

