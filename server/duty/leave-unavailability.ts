import type { Tx } from '../core/db/index.ts'

/**
 * Approved leave (server/personal) makes a person unavailable for duty: it writes its own rows here,
 * marked with its `source` (`leave:<id>`), and withdraws them when the leave is cancelled. The scheduler
 * reads every row whatever its source, so it skips the person for the period.
 */
export async function recordLeaveUnavailability(tx: Tx, row: { source: string; personId: string; startsAt: Date; endsAt: Date; note: string; createdById: string }) {
  await tx.dutyUnavailability.deleteMany({ where: { source: row.source } })
  await tx.dutyUnavailability.create({ data: { personId: row.personId, startsAt: row.startsAt, endsAt: row.endsAt, reason: 'LEAVE', note: row.note, source: row.source, createdById: row.createdById } })
}

export async function withdrawLeaveUnavailability(tx: Tx, source: string) {
  await tx.dutyUnavailability.deleteMany({ where: { source } })
}
