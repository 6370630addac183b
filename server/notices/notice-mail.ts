import { config } from '../core/config.ts'
import type { NewMail } from '../mail/index.ts'
import { quietEndsAt, type Preferences } from '../preferences/index.ts'

const urgencyLabel = { NORMAL: '', URGENT: '【加急】', EXTRA_URGENT: '【特急】' } as const

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

/** The mail a recipient gets for a notice (and again for each re-ping). */
export function noticeMail(
  notice: { id: string; title: string; body: string; urgency: keyof typeof urgencyLabel },
  sender: { name: string },
  recipient: { personId: string; email: string },
  ping = 0,
): NewMail {
  const link = `${config().PUBLIC_URL.replace(/\/$/, '')}/notices/${notice.id}`
  const again = ping > 0 ? `（第 ${ping + 1} 次提醒）` : ''
  const subject = `${urgencyLabel[notice.urgency]}${notice.title}${again}`
  const text = `${sender.name} 发来必达通知${again}：\n\n${notice.title}\n\n${notice.body}\n\n请打开以下链接查看并确认收到：\n${link}\n\n——协同 政务协同办公平台`
  const html = `<p>${escapeHtml(sender.name)} 发来必达通知${again}：</p><h2>${escapeHtml(notice.title)}</h2><p style="white-space:pre-wrap">${escapeHtml(notice.body)}</p><p><a href="${link}">查看并确认收到</a></p><p style="color:#666">协同 政务协同办公平台</p>`
  return { to: recipient.email, toPersonId: recipient.personId, subject, text, html }
}

/**
 * Mail for the recipients who want it: e-mail switched on and an address known. Urgent notices (加急,
 * 特急) go out at once; a normal one waits for the end of a recipient's quiet hours.
 */
export function noticeMails(
  notice: { id: string; title: string; body: string; urgency: keyof typeof urgencyLabel },
  sender: { name: string },
  recipients: { personId: string; email: string | null; pingCount?: number }[],
  preferences: Map<string, Preferences>,
  now: Date,
): NewMail[] {
  return recipients.flatMap((r) => {
    const pref = preferences.get(r.personId)
    if (!r.email || !pref?.emailEnabled) return []
    const mail = noticeMail(notice, sender, { personId: r.personId, email: r.email }, r.pingCount ?? 0)
    return [{ ...mail, notBefore: notice.urgency === 'NORMAL' ? quietEndsAt(pref, now) : null }]
  })
}
