/**
 * Tests only: an organisation to route documents through, and a way to write a document's body as a
 * browser's editor would store it.
 *
 * The organisation (code 泰…) has a drafting division (head, clerk, colleague), two departments that
 * countersign (each with a head), a leader in charge of the drafting department, registry staff, and
 * an outsider in a neighbouring organisation.
 */
import * as Y from 'yjs'
import { db } from '../core/db/index.ts'
import { actorFor, buildContext, buildPerson, buildUnit } from '../test/factories.ts'
import { appendUpdate, BODY_FRAGMENT } from '../coediting/index.ts'
import { bodyDocName } from './kinds.ts'
import { createDocument, ensureDefaultTemplates } from './index.ts'

export const ctx = buildContext()

/** A person in a unit, with the policy layer's view of them. */
export async function personWithActor(name: string, unit: { id: string }, extra: Parameters<typeof buildPerson>[0] = {}) {
  const p = await buildPerson({ name, unit, ...extra })
  return { ...p, actor: await actorFor(p) }
}

export async function buildOrganisation() {
  await ensureDefaultTemplates(db())
  const code = `泰${Math.random().toString(36).slice(2, 6)}`
  const organ = await buildUnit({ name: '泰和市人民政府', organCode: code })
  const dept = await buildUnit({ parent: organ, name: '市政府办公室' })
  const division = await buildUnit({ parent: dept, name: '秘书科', kind: 'DIVISION' })
  const finance = await buildUnit({ parent: organ, name: '市财政局' })
  const ndrc = await buildUnit({ parent: organ, name: '市发改委' })
  const outsiderUnit = await buildUnit({ name: '邻市政府', organCode: `邻${code}` })
  const person = personWithActor
  const clerk = await person('王芳', division)
  const colleague = await person('李娜', division)
  const head = await person('吴明', division, { title: '科长', leaderRank: 'PRINCIPAL' })
  const financeHead = await person('钱局长', finance, { title: '局长', leaderRank: 'PRINCIPAL' })
  const ndrcHead = await person('孙主任', ndrc, { title: '主任', leaderRank: 'PRINCIPAL' })
  const leader = await person('陈建国', organ, { title: '市长', leaderRank: 'DEPUTY' })
  await db().leaderCharge.create({ data: { personId: leader.id, unitId: dept.id } })
  const registry = await person('赵文书', dept, { grants: [{ permissions: ['document.register'], unit: organ }] })
  const outsider = await person('路人', outsiderUnit)
  const outsiderRegistry = await person('邻市文书', outsiderUnit, { grants: [{ permissions: ['document.register'], unit: outsiderUnit }] })
  return { code, organ, dept, division, finance, ndrc, clerk, colleague, head, financeHead, ndrcHead, leader, registry, outsider, outsiderRegistry }
}

export type Organisation = Awaited<ReturnType<typeof buildOrganisation>>

export const revisionOf = async (id: string) => (await db().document.findUniqueOrThrow({ where: { id }, select: { revision: true } })).revision

export const stepOf = async (id: string) => {
  const d = await db().document.findUniqueOrThrow({ where: { id }, select: { stepIndex: true, status: true, workflow: true } })
  return d.stepIndex === null ? d.status : (d.workflow as { name: string }[])[d.stepIndex]!.name
}

/** A notice drafted by the clerk in their division. */
export async function draftNotice(s: Organisation, title = '关于做好2026年冬季安全生产工作的通知') {
  return createDocument(db(), s.clerk.actor, { kind: 'NOTICE', title, mainRecipients: '各县（区）人民政府，市政府各部门', unitId: s.division.id }, ctx)
}

/**
 * Append paragraphs to a document's body, as the editor stores an edit (one Yjs update in
 * `RealtimeUpdate`, attributed to the person).
 */
export async function writeBody(documentId: string, personId: string, paragraphs: string[]) {
  const doc = new Y.Doc()
  const fragment = doc.getXmlFragment(BODY_FRAGMENT)
  fragment.insert(0, paragraphs.map((text) => {
    const p = new Y.XmlElement('paragraph')
    p.insert(0, [new Y.XmlText(text)])
    return p
  }))
  await appendUpdate(db(), { docName: bodyDocName(documentId), update: Y.encodeStateAsUpdate(doc), personId })
}

const PDF_OBJECTS = '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n'
  + '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj\n'

/** Bytes that are what their name says. */
export const files = {
  /** A one-page PDF that pdf-lib reads and appends. */
  pdf: () => new Uint8Array(Buffer.from(PDF_OBJECTS + 'trailer <</Root 1 0 R>>\n%%EOF\n', 'latin1')),
  /** The same, password-protected (an /Encrypt dictionary in the trailer). */
  encryptedPdf: () => new Uint8Array(Buffer.from(`${PDF_OBJECTS}4 0 obj <</Filter /Standard /V 1 /R 2 /O (xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx) /U (xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx) /P -4>> endobj\ntrailer <</Root 1 0 R /Encrypt 4 0 R /ID [<00> <00>]>>\n%%EOF\n`, 'latin1')),
  /** Starts like a PDF and is not one: no page tree (what uploads let through before they were parsed). */
  brokenPdf: () => new Uint8Array(Buffer.from('%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n', 'latin1')),
  png: () => Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52),
  jpeg: () => Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0),
  zip: (entry = 'word/document.xml') => new Uint8Array(Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(26), Buffer.from(entry, 'latin1')])),
  ole: () => Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0),
}
