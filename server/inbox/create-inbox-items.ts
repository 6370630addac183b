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
  // One INSERT … SELECT FROM unnest(arrays) per 5,000 items: a notice to a whole city is tens of
  // thousands of rows, and row-by-row parameters would cost seconds.
  for (let i = 0; i < items.length; i += 5000) {
    const b = items.slice(i, i + 5000)
    created += await tx.$executeRaw`
      INSERT INTO "InboxItem" (id, "personId", kind, module, "objectType", "objectId", title, source, url, urgency, "dueAt", "unitId")
      SELECT gen_random_uuid(), t."personId", t.kind::"InboxKind", t.module, t."objectType", t."objectId", t.title, t.source, t.url, t.urgency::"Urgency", t."dueAt", t."unitId"
        FROM unnest(${b.map((x) => x.personId)}::uuid[], ${b.map((x) => x.kind)}::text[], ${b.map((x) => x.module)}::text[],
                    ${b.map((x) => x.objectType)}::text[], ${b.map((x) => x.objectId)}::text[], ${b.map((x) => x.title)}::text[],
                    ${b.map((x) => x.source ?? '')}::text[], ${b.map((x) => x.url)}::text[], ${b.map((x) => x.urgency ?? 'NORMAL')}::text[],
                    ${b.map((x) => x.dueAt ?? null)}::timestamptz[], ${b.map((x) => x.unitId ?? null)}::uuid[])
          AS t("personId", kind, module, "objectType", "objectId", title, source, url, urgency, "dueAt", "unitId")
      ON CONFLICT ("personId", "objectType", "objectId", kind) DO NOTHING`
  }
  await notifyInboxChanged(tx, items.map((i) => i.personId))
  return created
}
