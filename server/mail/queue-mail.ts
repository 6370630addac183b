import type { Tx } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'

export type NewMail = {
  to: string
  toPersonId?: string | null
  subject: string
  text: string
  html?: string | null
  /** An iCalendar text (METHOD:REQUEST / CANCEL inside) sent as the mail's invitation. */
  calendar?: string | null
  /** Hold delivery until then (a recipient's quiet hours); default now. */
  notBefore?: Date | null
}

/**
 * Write mail to the outbox inside the caller's transaction: it exists exactly when the change that
 * caused it does, and survives an SMTP outage or a restart. The mail worker delivers it.
 */
export async function queueMail(tx: Tx, mails: NewMail[]): Promise<number> {
  let count = 0
  for (let i = 0; i < mails.length; i += 5000) {
    const b = mails.slice(i, i + 5000)
    count += await tx.$executeRaw`
      INSERT INTO "OutboxMail" (id, "toAddress", "toPersonId", subject, text, html, calendar, "nextAttemptAt")
      SELECT gen_random_uuid(), t.a, t.p, t.s, t.x, t.h, t.c, t.n
        FROM unnest(${b.map((m) => m.to)}::text[], ${b.map((m) => m.toPersonId ?? null)}::uuid[], ${b.map((m) => m.subject)}::text[],
                    ${b.map((m) => m.text)}::text[], ${b.map((m) => m.html ?? null)}::text[], ${b.map((m) => m.calendar ?? null)}::text[],
                    ${b.map((m) => m.notBefore ?? clock.now())}::timestamptz[]) AS t(a, p, s, x, h, c, n)`
  }
  return count
}
