/** Sends one notice to the given units in its own process, so the readers' timings are not its own. */
import { performance } from 'node:perf_hooks'
import { createDb } from '../server/core/db/index.ts'
import { loadActor } from '../server/auth/index.ts'
import { sendNotice } from '../server/notices/index.ts'

const db = createDb(process.env.DATABASE_URL!, 4)
const person = await db.person.findUniqueOrThrow({ where: { id: process.env.SENDER_ID! } })
const actor = await loadActor(db, { id: 'bench', csrfToken: '', isSecondFactorPending: false, person: { ...person, mustChangePassword: false, passwordChangedAt: new Date() } })
const started = performance.now()
const result = await sendNotice(db, actor, { title: '基准测试：全体人员必达通知', body: '请确认已读。', unitIds: process.env.UNIT_IDS!.split(',') }, { requestId: 'bench', ip: null, userAgent: 'bench' })
const seconds = (performance.now() - started) / 1000
await db.$disconnect()
process.stdout.write(JSON.stringify({ recipients: result.recipients, mailsQueued: result.mails, seconds: +seconds.toFixed(2) }) + '\n')
