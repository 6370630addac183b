import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import { startRealtimeServer, type RealtimeServer } from '../../realtime/index.ts'
import { config } from '../core/config.ts'
import { db } from '../core/db/index.ts'
import { REALTIME_UPDATE_CHANNEL } from '../core/events.ts'
import { signTicket, ticketSecret } from '../realtime-tickets/index.ts'
import { buildPerson, buildSession } from '../test/factories.ts'
import { createVersion, diffVersions, listVersions, renderCurrent, renderVersion, restoreVersion } from './index.ts'
import { BODY_FRAGMENT } from './read-content.ts'
import { heading, paragraph, schema, TestEditor, text } from './test-editor.ts'
import { until } from '../test/until.ts'

const save = (docName: string, name: string, personId: string) =>
  db().$transaction((tx) => createVersion(tx, { docName, name, kind: 'MANUAL', personId }))

const cleanups: (() => unknown)[] = []
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
})

/** The notifications on a channel of this test file's database. */
async function listen(channel: string): Promise<string[]> {
  const heard: string[] = []
  const client = new pg.Client({ connectionString: config().DATABASE_URL })
  await client.connect()
  client.on('notification', (m) => heard.push(m.payload ?? ''))
  await client.query(`LISTEN ${channel}`)
  cleanups.push(() => client.end())
  return heard
}

describe('restoreVersion', () => {
  it('makes an old version current as a new change, kept in the history, that clients then receive', async () => {
    const doc = 'doc-restore'
    const drafter = await buildPerson({ name: '起草人' })
    const reviewer = await buildPerson({ name: '核稿人' })
    const restorer = await buildPerson({ name: '办公室' })
    const a = new TestEditor(doc, drafter.id).set([heading(1, '关于防汛工作的通知'), paragraph(text('各单位要'), text('高度重视', 'bold'), text('。'))])
    await a.flush()
    const v1 = await save(doc, '初稿', drafter.id)
    const v1Json = a.json()
    const v1Html = await renderVersion(db(), doc, v1.id)

    const b = new TestEditor(doc, reviewer.id)
    await b.pull()
    b.set([heading(1, '关于做好防汛工作的通知'), paragraph(text('请各单位立即部署。')), { type: 'pageBreak' }])
    await b.flush()
    const v2 = await save(doc, '修改稿', reviewer.id)
    // A client that saw the reviewer's text and then went offline.
    const stale = new Y.Doc()
    Y.applyUpdate(stale, Y.encodeStateAsUpdate(b.doc))

    const heard = await listen(REALTIME_UPDATE_CHANNEL)
    const restored = await db().$transaction((tx) => restoreVersion(tx, { docName: doc, versionId: v1.id, personId: restorer.id }))
    expect(restored).toMatchObject({ number: 3, name: '初稿', kind: 'RESTORE', restoredFromId: v1.id, createdById: restorer.id })
    expect((await listVersions(db(), doc)).map((v) => [v.number, v.kind])).toEqual([[3, 'RESTORE'], [2, 'MANUAL'], [1, 'MANUAL']])

    // Stored as the restorer's update, and announced to live co-editing servers once committed.
    const row = await db().realtimeUpdate.findFirstOrThrow({ where: { docName: doc }, orderBy: { id: 'desc' } })
    expect(row.personId).toBe(restorer.id)
    await until(() => heard.length > 0)
    expect(heard.map((p) => JSON.parse(p))).toEqual([{ doc, id: row.id.toString() }])

    // Current content is the old version's, marks and attributes included; every version still shows.
    expect(await renderCurrent(db(), doc)).toBe(v1Html)
    expect(await renderVersion(db(), doc, restored.id)).toBe(v1Html)
    expect(await renderVersion(db(), doc, v2.id)).toContain('请各单位立即部署。')
    const diff = await diffVersions(db(), doc, v2.id, restored.id)
    expect(diff.authors.map((x) => x.personId)).toEqual([restorer.id])
    expect(diff.html).toContain('<del data-author="办公室"')

    // An editor that pulls afterwards has the old content.
    await b.pull()
    expect(b.json()).toEqual(v1Json)

    // And so does the offline client when it reconnects to a co-editing server (which loads the
    // stored document): its own stale state merges without bringing the reviewer's text back.
    const server: RealtimeServer = await startRealtimeServer({ db: db() })
    cleanups.push(() => server.close())
    const ticket = signTicket(await ticketSecret(db()), { doc, personId: reviewer.id, sessionId: await buildSession(reviewer.id), name: '核稿人', right: 'edit' })
    const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}`, doc, stale, { WebSocketPolyfill: WebSocket as never, disableBc: true, params: { ticket } })
    cleanups.push(() => provider.destroy())
    await until(() => provider.synced)
    await until(() => JSON.stringify(yXmlFragmentToProseMirrorRootNode(stale.getXmlFragment(BODY_FRAGMENT), schema).toJSON().content) === JSON.stringify(v1Json))
  })

  it('refuses a version of another document and changes nothing', async () => {
    const person = await buildPerson()
    const e = new TestEditor('doc-restore-own', person.id).set([paragraph(text('本文'))])
    await e.flush()
    const theirs = await save('doc-restore-theirs', '他人', person.id)
    const before = await db().realtimeUpdate.count({ where: { docName: 'doc-restore-own' } })
    await expect(db().$transaction((tx) => restoreVersion(tx, { docName: 'doc-restore-own', versionId: theirs.id, personId: person.id })))
      .rejects.toMatchObject({ code: 'coediting.version_not_found' })
    expect(await db().realtimeUpdate.count({ where: { docName: 'doc-restore-own' } })).toBe(before)
    expect(await listVersions(db(), 'doc-restore-own')).toEqual([])
  })
})
