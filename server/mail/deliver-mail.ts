import type { Db } from '../core/db/index.ts'
import { clock, minutes } from '../core/clock.ts'
import { config } from '../core/config.ts'
import { logger } from '../core/logger.ts'
import type { MailTransport } from './transport.ts'

// A claimed mail is leased for this long: if the process dies mid-send, it is tried again after.
const LEASE_MINUTES = 5

export type DeliveryReport = { sent: number; failed: number; retried: number; held: number; deferred: number }

/** Backoff after the n-th failed attempt: 1, 2, 4, … minutes, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return minutes(Math.min(2 ** Math.max(attempts - 1, 0), 60))
}

/**
 * Deliver due outbox mail. Mail is claimed with FOR UPDATE SKIP LOCKED, so several workers never send
 * the same message; without a transport (no SMTP_URL) due mail is marked HELD for the mail viewer.
 * A recipient who already got MAIL_MAX_PER_HOUR messages in the last hour waits (flood protection).
 */
export async function deliverDueMail(db: Db, transport: MailTransport | null, batchSize = 50): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, retried: 0, held: 0, deferred: 0 }
  const now = clock.now()
  if (!transport) {
    report.held = await db.outboxMail.updateMany({ where: { status: 'PENDING', nextAttemptAt: { lte: now } }, data: { status: 'HELD' } }).then((r) => r.count)
    return report
  }
  const leaseUntil = new Date(now.getTime() + minutes(LEASE_MINUTES))
  const claimed = await db.$queryRaw<{ id: string; toAddress: string; subject: string; text: string; html: string | null; calendar: string | null; attempts: number }[]>`
    UPDATE "OutboxMail" SET "nextAttemptAt" = ${leaseUntil}, attempts = attempts + 1
     WHERE id IN (SELECT id FROM "OutboxMail" WHERE status = 'PENDING' AND "nextAttemptAt" <= ${now}
                   ORDER BY "nextAttemptAt" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)
    RETURNING id, "toAddress", subject, text, html, calendar, attempts`
  const { MAIL_MAX_PER_HOUR, MAIL_MAX_ATTEMPTS } = config()
  const hourAgo = new Date(now.getTime() - minutes(60))
  for (const mail of claimed) {
    const recent = await db.outboxMail.count({ where: { toAddress: mail.toAddress, status: 'SENT', sentAt: { gt: hourAgo } } })
    if (recent >= MAIL_MAX_PER_HOUR) {
      // Not an attempt: give the slot back and wait for the hour window to move.
      await db.outboxMail.update({ where: { id: mail.id }, data: { attempts: { decrement: 1 }, nextAttemptAt: new Date(now.getTime() + minutes(10)) } })
      report.deferred++
      continue
    }
    try {
      await transport.send({ to: mail.toAddress, subject: mail.subject, text: mail.text, html: mail.html, calendar: mail.calendar })
      await db.outboxMail.update({ where: { id: mail.id }, data: { status: 'SENT', sentAt: clock.now(), lastError: null } })
      report.sent++
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const isFinal = mail.attempts >= MAIL_MAX_ATTEMPTS
      await db.outboxMail.update({
        where: { id: mail.id },
        data: { status: isFinal ? 'FAILED' : 'PENDING', lastError: message.slice(0, 500), nextAttemptAt: new Date(now.getTime() + retryDelayMs(mail.attempts)) },
      })
      if (isFinal) report.failed++
      else report.retried++
      logger.warn({ mailId: mail.id, attempts: mail.attempts, err: message }, isFinal ? 'mail failed for good' : 'mail failed; will retry')
    }
  }
  return report
}
