import type { JSONContent } from '@tiptap/core'
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import type { DocumentKind } from '../core/db/index.ts'
import { BODY_FRAGMENT, bodySchema } from '../coediting/index.ts'

const p = (text = ''): JSONContent => (text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' })
const h = (level: number, text: string): JSONContent => ({ type: 'heading', attrs: { level }, content: [{ type: 'text', text }] })

/**
 * Starting bodies (范文) for the common kinds: the parts every such document has, for the drafter to
 * fill in. Headings are numbered by the editor (一、（一）…), so their text carries no numbers.
 */
export const bodyTemplates: { key: string; name: string; kinds: DocumentKind[]; body: JSONContent[] }[] = [
  {
    key: 'notice', name: '通知（部署工作）', kinds: ['NOTICE'],
    body: [p('为……，经研究，现就有关事项通知如下。'), h(1, '总体要求'), p(), h(1, '主要任务'), h(2, '……'), p(), h(1, '工作要求'), p(), p('特此通知。')],
  },
  {
    key: 'request', name: '请示', kinds: ['REQUEST'],
    body: [p('（请示缘由）……'), p('（请示事项）……'), p('妥否，请批示。')],
  },
  {
    key: 'report', name: '报告（工作情况）', kinds: ['REPORT'],
    body: [p('现将……情况报告如下。'), h(1, '基本情况'), p(), h(1, '主要做法'), p(), h(1, '存在问题'), p(), h(1, '下一步打算'), p(), p('特此报告。')],
  },
  {
    key: 'letter', name: '函（商洽工作）', kinds: ['LETTER'],
    body: [p('（发函缘由）……'), p('（商洽事项）……'), p('请予支持为盼。')],
  },
  {
    key: 'reply', name: '批复', kinds: ['REPLY'],
    body: [p('你单位《关于……的请示》收悉。经研究，现批复如下：'), h(1, '……'), p(), p('此复。')],
  },
  {
    key: 'minutes', name: '会议纪要', kinds: ['MINUTES'],
    body: [p('……年……月……日，……主持召开……会议，研究……。现将会议议定事项纪要如下：'), h(1, '……'), p(), p('出席：'), p('列席：')],
  },
]

/** A template's body as a Yjs update for a new document's body. */
export function templateUpdate(key: string): Uint8Array | null {
  const template = bodyTemplates.find((t) => t.key === key)
  if (!template) return null
  const doc = prosemirrorJSONToYDoc(bodySchema(), { type: 'doc', content: template.body }, BODY_FRAGMENT)
  return Y.encodeStateAsUpdate(doc)
}
