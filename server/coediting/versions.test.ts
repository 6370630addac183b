import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { db } from '../core/db/index.ts'
import { buildPerson } from '../test/factories.ts'
import { createVersion, listVersions, renderCurrent, renderVersion } from './index.ts'
import { heading, paragraph, TestEditor, text } from './test-editor.ts'

const save = (docName: string, name: string, personId: string | null, kind: 'MANUAL' | 'STEP' = 'MANUAL') =>
  db().$transaction((tx) => createVersion(tx, { docName, name, kind, personId }))

describe('versions', () => {
  it('numbers versions in order per document, and lists them newest first', async () => {
    const person = await buildPerson()
    const editor = new TestEditor('doc-v-order', person.id).set([paragraph(text('初稿'))])
    await editor.flush()
    const first = await save('doc-v-order', '初稿', person.id)
    const second = await save('doc-v-order', '核稿', person.id, 'STEP')
    const elsewhere = await save('doc-v-other', '另一文件', person.id)
    expect([first.number, second.number, elsewhere.number]).toEqual([1, 2, 1])
    expect(second).toMatchObject({ docName: 'doc-v-order', name: '核稿', kind: 'STEP', createdById: person.id, restoredFromId: null })
    expect((await listVersions(db(), 'doc-v-order')).map((v) => [v.number, v.name])).toEqual([[2, '核稿'], [1, '初稿']])
    await expect(save('doc-v-order', '   ', person.id)).rejects.toMatchObject({ code: 'validation' })
  })

  it('gives versions created at the same moment distinct, consecutive numbers', async () => {
    const person = await buildPerson()
    const editor = new TestEditor('doc-v-race', person.id).set([paragraph(text('并发'))])
    await editor.flush()
    const made = await Promise.all(Array.from({ length: 8 }, (_, i) => save('doc-v-race', `版本${i}`, person.id)))
    expect(made.map((v) => v.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
  })

  it('renders an old version as it was, and the current state as it is', async () => {
    const person = await buildPerson()
    const editor = new TestEditor('doc-v-render', person.id).set([heading(1, '总体要求'), paragraph(text('各单位要'), text('高度重视', 'bold'), text('防汛工作。'))])
    await editor.flush()
    const v1 = await save('doc-v-render', '初稿', person.id)
    editor.set([heading(1, '总体要求'), paragraph(text('各单位要切实做好防汛工作。')), paragraph(text('新增一段。'))])
    await editor.flush()
    expect(await renderVersion(db(), 'doc-v-render', v1.id)).toBe(
      '<h1><span class="heading-number">一、</span>总体要求</h1><p>各单位要<strong>高度重视</strong>防汛工作。</p>',
    )
    expect(await renderCurrent(db(), 'doc-v-render')).toBe(
      '<h1><span class="heading-number">一、</span>总体要求</h1><p>各单位要切实做好防汛工作。</p><p>新增一段。</p>',
    )
    // A version belongs to its document: another document's id, or no id at all, names nothing.
    await expect(renderVersion(db(), 'doc-v-order-x', v1.id)).rejects.toMatchObject({ code: 'coediting.version_not_found' })
    await expect(renderVersion(db(), 'doc-v-render', 'not-a-uuid')).rejects.toMatchObject({ code: 'coediting.version_not_found' })
  })

  it('numbers headings and renders every node type with only whitelisted tags', async () => {
    const editor = new TestEditor('doc-v-nodes', null).set([
      heading(1, '总体要求'), heading(2, '工作目标'), heading(3, '近期'), heading(4, '本周'), heading(4, '下周'), heading(2, '工作措施'),
      { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('甲'))] }] },
      { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [paragraph(text('乙'))] }] },
      { type: 'blockquote', content: [paragraph(text('引文', 'italic', 'underline', 'strike'))] },
      paragraph(text('上'), { type: 'hardBreak' }, text('下')),
      { type: 'horizontalRule' },
      { type: 'pageBreak' },
      { type: 'table', content: [
        { type: 'tableRow', content: [{ type: 'tableHeader', attrs: { colspan: 2 }, content: [paragraph(text('表头'))] }] },
        { type: 'tableRow', content: [{ type: 'tableCell', content: [paragraph(text('1'))] }, { type: 'tableCell', content: [paragraph(text('2'))] }] },
      ] },
      ...Array.from({ length: 10 }, (_, i) => heading(1, `第${i + 2}部分`)),
    ])
    await editor.flush()
    const html = await renderCurrent(db(), 'doc-v-nodes')
    expect(html).toContain('<h1><span class="heading-number">一、</span>总体要求</h1><h2><span class="heading-number">（一）</span>工作目标</h2>'
      + '<h3><span class="heading-number">1.</span>近期</h3><h4><span class="heading-number">（1）</span>本周</h4><h4><span class="heading-number">（2）</span>下周</h4>'
      + '<h2><span class="heading-number">（二）</span>工作措施</h2>')
    expect(html).toContain('<ul><li><p>甲</p></li></ul><ol start="3"><li><p>乙</p></li></ol><blockquote><p><em><u><s>引文</s></u></em></p></blockquote>')
    expect(html).toContain('<p>上<br>下</p><hr><div class="page-break"></div>')
    expect(html).toContain('<table><tbody><tr><th colspan="2"><p>表头</p></th></tr><tr><td><p>1</p></td><td><p>2</p></td></tr></tbody></table>')
    expect(html).toContain('<h1><span class="heading-number">十一、</span>第11部分</h1>')
    const tags = new Set([...html.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1]))
    expect([...tags].sort()).toEqual(['blockquote', 'br', 'div', 'em', 'h1', 'h2', 'h3', 'h4', 'hr', 'li', 'ol', 'p', 's', 'span', 'table', 'tbody', 'td', 'th', 'tr', 'u', 'ul'])
  })

  it('escapes document text and attributes: nothing in a document becomes markup', async () => {
    const editor = new TestEditor('doc-v-escape', null).set([paragraph(text('<script>alert("x")</script> & \'y\''))])
    // Attributes a hostile client could write directly into the shared type.
    Y.transact(editor.doc, () => {
      const evil = new Y.XmlElement('heading')
      evil.setAttribute('level', '1" onclick="alert(1)')
      evil.insert(0, [new Y.XmlText('<img src=x onerror=alert(1)>')])
      const cell = new Y.XmlElement('tableCell')
      cell.setAttribute('colspan', '2 onmouseover=alert(1)')
      const script = new Y.XmlElement('script')
      script.insert(0, [new Y.XmlText('alert(2)')])
      editor.fragment.insert(editor.fragment.length, [evil, cell, script])
    })
    await editor.flush()
    const html = await renderCurrent(db(), 'doc-v-escape')
    expect(html).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p>'
      + '<h1><span class="heading-number">一、</span>&lt;img src=x onerror=alert(1)&gt;</h1><td></td>alert(2)')
    expect(html).not.toMatch(/<script|onclick|onerror=alert\(1\)>|onmouseover/)
  })
})
