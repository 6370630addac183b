import nodemailer from 'nodemailer'
import { config } from '../core/config.ts'

export type MailTransport = { send: (mail: { to: string; subject: string; text: string; html?: string | null; calendar?: string | null }) => Promise<void> }

/** The SMTP transport named by SMTP_URL, or null when none is configured (mail is then held). */
export function smtpTransport(url = config().SMTP_URL): MailTransport | null {
  if (!url) return null
  const transporter = nodemailer.createTransport(url)
  return {
    async send(mail) {
      await transporter.sendMail({ from: config().MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? undefined,
        // nodemailer sends it as a text/calendar alternative with the METHOD calendar clients expect.
        ...(mail.calendar ? { icalEvent: { method: /^METHOD:(\w+)/m.exec(mail.calendar)?.[1] ?? 'REQUEST', content: mail.calendar } } : {}),
      })
    },
  }
}
