import { afterAll, describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock, minutes } from '../core/clock.ts'
import { freePort, startSmtpSink } from '../test/smtp.ts'
import { deliverDueMail, queueMail, smtpTransport } from './index.ts'

// Real SMTP over TCP to a separate server process (test/smtp-sink.ts).
const port = await freePort()
const transport = smtpTransport(`smtp://127.0.0.1:${port}`)!
let sink = await startSmtpSink(port)
afterAll(() => sink.stop())

async function waitFor<T>(read: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const value = read()
    if (value !== undefined) return value
    if (Date.now() > until) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('mail outbox', () => {
  it('delivers queued mail with Chinese subject and body intact', async () => {
    await db().$transaction((tx) => queueMail(tx, [{ to: 'zhangsan@example.gov.cn', subject: '【特急】关于防汛工作的紧急通知', text: '请各单位立即部署。链接：http://localhost:3000/notices/1', html: '<p>请各单位立即部署。</p>' }]))
    const report = await deliverDueMail(db(), transport)
    expect(report).toMatchObject({ sent: 1, failed: 0 })
    const mail = await waitFor(() => sink.received.find((m) => m.to.includes('zhangsan@example.gov.cn')))
    expect(mail.subject).toBe('【特急】关于防汛工作的紧急通知')
    expect(mail.text).toContain('请各单位立即部署。链接：http://localhost:3000/notices/1')
    expect((await db().outboxMail.findFirstOrThrow({ where: { toAddress: 'zhangsan@example.gov.cn' } })).status).toBe('SENT')
  })

  it('keeps mail while the SMTP server is down, retries with backoff, and delivers after it returns', async () => {
    await sink.stop()
    await db().$transaction((tx) => queueMail(tx, [{ to: 'lisi@example.gov.cn', subject: '会议通知', text: '明天上午九点开会。' }]))
    expect(await deliverDueMail(db(), transport)).toMatchObject({ sent: 0, retried: 1 })
    const waiting = await db().outboxMail.findFirstOrThrow({ where: { toAddress: 'lisi@example.gov.cn' } })
    expect(waiting).toMatchObject({ status: 'PENDING', attempts: 1 })
    expect(waiting.lastError).toBeTruthy()
    // Not due yet: nothing is tried.
    expect(await deliverDueMail(db(), transport)).toMatchObject({ sent: 0, retried: 0 })

    sink = await startSmtpSink(port) // the server comes back (a restart of ours would find the row just the same)
    clock.advance(minutes(2))
    expect(await deliverDueMail(db(), transport)).toMatchObject({ sent: 1 })
    await waitFor(() => sink.received.find((m) => m.to.includes('lisi@example.gov.cn')))
  })

  it('gives up after the last attempt; the mail stays visible as FAILED', async () => {
    const deadTransport = smtpTransport(`smtp://127.0.0.1:${await freePort()}`)!
    await db().$transaction((tx) => queueMail(tx, [{ to: 'wangwu@example.gov.cn', subject: '测试', text: '测试' }]))
    for (let i = 0; i < 8; i++) {
      await deliverDueMail(db(), deadTransport)
      clock.advance(minutes(61))
    }
    expect(await db().outboxMail.findFirstOrThrow({ where: { toAddress: 'wangwu@example.gov.cn' } })).toMatchObject({ status: 'FAILED', attempts: 8 })
  })

  it('holds mail when no SMTP server is configured', async () => {
    await db().$transaction((tx) => queueMail(tx, [{ to: 'held@example.gov.cn', subject: '演示', text: '演示' }]))
    expect((await deliverDueMail(db(), null)).held).toBeGreaterThanOrEqual(1)
    expect((await db().outboxMail.findFirstOrThrow({ where: { toAddress: 'held@example.gov.cn' } })).status).toBe('HELD')
  })

  it('limits mail per recipient per hour, and two workers never send one message twice', async () => {
    const to = 'flood@example.gov.cn'
    await db().$transaction((tx) => queueMail(tx, Array.from({ length: 40 }, (_, i) => ({ to, subject: `第${i}封`, text: '…' }))))
    const [a, b] = await Promise.all([deliverDueMail(db(), transport), deliverDueMail(db(), transport)])
    expect(a.sent + b.sent).toBe(30)
    expect(a.deferred + b.deferred).toBe(10)
    await waitFor(() => (sink.received.filter((m) => m.to.includes(to)).length === 30 ? true : undefined))
    const subjects = sink.received.filter((m) => m.to.includes(to)).map((m) => m.subject)
    expect(new Set(subjects).size).toBe(30)
    clock.advance(minutes(61))
    expect((await deliverDueMail(db(), transport)).sent).toBe(10)
  })
})

describe('mail outbox after a crash', () => {
  it('sends mail that a worker claimed but never finished, once its lease runs out', async () => {
    await db().$transaction((tx) => queueMail(tx, [{ to: 'crash@example.gov.cn', subject: '崩溃后重发', text: '…' }]))
    // A worker claims the mail and dies before sending: the claim is the lease, nothing else happened.
    await db().$executeRaw`UPDATE "OutboxMail" SET "nextAttemptAt" = ${new Date(clock.now().getTime() + minutes(5))}, attempts = 1 WHERE "toAddress" = 'crash@example.gov.cn'`
    expect((await deliverDueMail(db(), transport)).sent).toBe(0)
    clock.advance(minutes(5))
    expect((await deliverDueMail(db(), transport)).sent).toBe(1)
    await waitFor(() => sink.received.find((m) => m.to.includes('crash@example.gov.cn')))
  })
})
