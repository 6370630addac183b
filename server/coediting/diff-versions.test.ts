import { describe, expect, it } from 'vitest'
import { Persistence } from '../../realtime/persistence.ts'
import { db } from '../core/db/index.ts'
import { buildPerson } from '../test/factories.ts'
import { authorColour, createVersion, diffVersions, type VersionDiff } from './index.ts'
import { heading, paragraph, TestEditor, text } from './test-editor.ts'

const save = (docName: string, name: string, personId: string) =>
  db().$transaction((tx) => createVersion(tx, { docName, name, kind: 'MANUAL', personId }))

const by = (diff: VersionDiff, personId: string) => diff.authors.find((a) => a.personId === personId)

describe('diffVersions', () => {
  it('attributes insertions to their writer and deletions to their deleter, before and after compaction', async () => {
    const doc = 'doc-diff'
    const zhang = await buildPerson({ name: '张三' })
    const li = await buildPerson({ name: '李四' })
    const a = new TestEditor(doc, zhang.id).set([heading(1, '总体要求'), paragraph(text('各单位要高度重视防汛工作。')), paragraph(text('此段将被删除。')), { type: 'horizontalRule' }])
    await a.flush()
    const v1 = await save(doc, '初稿', zhang.id)

    const b = new TestEditor(doc, li.id)
    await b.pull()
    // Two steps: y-tiptap turns one text change into one delete plus one insert around it.
    a.set([heading(1, '总体要求'), paragraph(text('各单位要高度重视工作。')), paragraph(text('此段将被删除。')), { type: 'horizontalRule' }])
    a.set([heading(1, '总体要求'), paragraph(text('各单位要高度重视工作。请于本周内上报。')), paragraph(text('此段将被删除。')), { type: 'horizontalRule' }, paragraph(text('新增段落'))])
    await a.flush()
    await b.pull()
    b.set([heading(1, '总体要求'), paragraph(text('各单位要重视工作。请于本周内上报。')), paragraph(text('新增段落'))])
    await b.flush()
    // 张三 reconnects: y-websocket's sync step 2 carries his whole delete set, 李四's deletions too.
    await a.pull()
    await a.reconnect()

    const zhangMark = `data-author="张三" data-person="${zhang.id}" style="color:${authorColour(zhang.id)}"`
    const liMark = `data-author="李四" data-person="${li.id}" style="color:${authorColour(li.id)}"`
    const expected = '<h1><span class="heading-number">一、</span>总体要求</h1>'
      + `<p>各单位要<del ${liMark}>高度</del>重视<del ${zhangMark}>防汛</del>工作。<ins ${zhangMark}>请于本周内上报。</ins></p>`
      + `<p data-change="deleted" ${liMark}><del ${liMark}>此段将被删除。</del></p>`
      + `<hr data-change="deleted" ${liMark}>`
      + `<p data-change="inserted" ${zhangMark}><ins ${zhangMark}>新增段落</ins></p>`
    const before = await diffVersions(db(), doc, v1.id, 'current')
    expect(before.html).toBe(expected)
    expect(before.authors).toEqual([
      { personId: zhang.id, name: '张三', colour: authorColour(zhang.id), inserted: 12, deleted: 2 },
      { personId: li.id, name: '李四', colour: authorColour(li.id), inserted: 0, deleted: 9 },
    ])
    expect(authorColour(zhang.id)).toMatch(/^#[0-9a-f]{6}$/)

    // Compaction folds the rows into RealtimeAttribution before deleting them: the diff is the same.
    await new Persistence(db(), { compactAfter: 1 }).compact(doc)
    expect(await db().realtimeUpdate.count({ where: { docName: doc } })).toBe(0)
    expect(await db().realtimeAttribution.count({ where: { docName: doc } })).toBe(2)
    expect(await diffVersions(db(), doc, v1.id, 'current')).toEqual(before)

    // Folded rows and newer rows together; and a diff between two saved versions.
    const v2 = await save(doc, '修改稿', li.id)
    b.set([heading(1, '总体要求'), paragraph(text('各单位要重视工作。请于本周内上报。')), paragraph(text('新增段落（完）'))])
    await b.flush()
    await a.pull()
    await a.reconnect()
    const v3 = await save(doc, '定稿', zhang.id)
    const latest = await diffVersions(db(), doc, v2.id, v3.id)
    expect(latest.html).toBe('<h1><span class="heading-number">一、</span>总体要求</h1><p>各单位要重视工作。请于本周内上报。</p>'
      + `<p>新增段落<ins ${liMark}>（完）</ins></p>`)
    expect(latest.authors).toEqual([{ personId: li.id, name: '李四', colour: authorColour(li.id), inserted: 3, deleted: 0 }])
    // The older version is the base whichever way round they are given.
    expect(await diffVersions(db(), doc, v3.id, v2.id)).toEqual(latest)
    const whole = await diffVersions(db(), doc, v1.id, v3.id)
    expect(by(whole, zhang.id)).toMatchObject({ inserted: 12, deleted: 2 })
    expect(by(whole, li.id)).toMatchObject({ inserted: 3, deleted: 9 })
  })

  it('shows formatting and escapes authors’ names', async () => {
    const doc = 'doc-diff-escape'
    const writer = await buildPerson({ name: '<b>王五</b>"' })
    const e = new TestEditor(doc, writer.id).set([paragraph(text('原文'))])
    await e.flush()
    const v1 = await save(doc, '初稿', writer.id)
    e.set([paragraph(text('原文'), text('<加粗>', 'bold'))])
    await e.flush()
    const diff = await diffVersions(db(), doc, v1.id, 'current')
    expect(diff.html).toBe(`<p>原文<ins data-author="&lt;b&gt;王五&lt;/b&gt;&quot;" data-person="${writer.id}" style="color:${authorColour(writer.id)}"><strong>&lt;加粗&gt;</strong></ins></p>`)
    expect(diff.authors).toEqual([{ personId: writer.id, name: '<b>王五</b>"', colour: authorColour(writer.id), inserted: 4, deleted: 0 }])
  })

  it('shows changes stored without a person as by nobody, and never credits them to a later sender', async () => {
    const doc = 'doc-diff-unknown'
    const person = await buildPerson({ name: '赵六' })
    const script = new TestEditor(doc, null).set([paragraph(text('导入的正文，含错字。'))])
    await script.flush()
    const v1 = await save(doc, '导入', person.id)
    script.set([paragraph(text('导入的正文。'))])
    await script.flush()
    const editor = new TestEditor(doc, person.id)
    await editor.pull()
    await editor.reconnect()
    const diff = await diffVersions(db(), doc, v1.id, 'current')
    expect(diff.html).toBe(`<p>导入的正文<del data-author="" style="color:${authorColour(null)}">，含错字</del>。</p>`)
    expect(diff.authors).toEqual([{ personId: null, name: '', colour: authorColour(null), inserted: 0, deleted: 4 }])
  })

  it('refuses versions of another document', async () => {
    const person = await buildPerson()
    const e = new TestEditor('doc-diff-own', person.id).set([paragraph(text('甲'))])
    await e.flush()
    const mine = await save('doc-diff-own', '一', person.id)
    const theirs = await save('doc-diff-theirs', '二', person.id)
    await expect(diffVersions(db(), 'doc-diff-own', mine.id, theirs.id)).rejects.toMatchObject({ code: 'coediting.version_not_found' })
  })
})
