import type { InboxKind, Tx, Urgency } from '../core/db/index.ts'
import { notifyInboxChanged } from '../core/events.ts'

export type NewInboxItem = {
  personId: string
  kind: InboxKind
  module: string
  objectType: string
  objectId: string
  title: string
  source?: string
  url: string
  urgency?: Urgency
  dueAt?: Date | null
  unitId?: string | null
}

/**
 * Put work in front of people, inside the caller's transaction. One item per person, object and kind:
 * creating it again (for example after a re-ping) leaves the existing one. Live badges update on commit.
 */
export async function createInboxItems(tx: Tx, items: NewInboxItem[]): Promise<number> {
  if (items.length === 0) return 0
  let created = 0
  for (let i = 0; i < items.length; i += 5000) {
    const batch = items.slice(i, i + 5000)
    created += (await tx.inboxItem.createMany({
      data: batch.map((item) => ({ ...item, source: item.source ?? '', urgency: item.urgency ?? 'NORMAL', dueAt: item.dueAt ?? null, unitId: item.unitId ?? null })),
      skipDuplicates: true,
    })).count
  }
  await notifyInboxChanged(tx, items.map((i) => i.personId))
  return created
}
