import type { Tx } from '../core/db/index.ts'

export type NewMail = { to: string; toPersonId?: string | null; subject: string; text: string; html?: string | null }

/**
 * Write mail to the outbox inside the caller's transaction: it exists exactly when the change that
 * caused it does, and survives an SMTP outage or a restart. The mail worker delivers it.
 */
export async function queueMail(tx: Tx, mails: NewMail[]): Promise<number> {
  let count = 0
  for (let i = 0; i < mails.length; i += 5000) {
    count += (await tx.outboxMail.createMany({
      data: mails.slice(i, i + 5000).map((m) => ({ toAddress: m.to, toPersonId: m.toPersonId ?? null, subject: m.subject, text: m.text, html: m.html ?? null })),
    })).count
  }
  return count
}
