import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock, days } from '../core/clock.ts'
import { loadStoredDocument, readContent } from '../coediting/index.ts'
import { bodyDocName, getDocument } from '../documents/index.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import {
  checkVideo, computeRanking, createItem, draftSupervisionNotice, getItem, getVideo, getVideoPoster, itemsForNotice, listItems, parseRange,
  publishRanking, rateUnit, reportProgress, unitRatings, uploadVideo, videoDuration, videoType,
} from './index.ts'
import { assignedItem, context, inDays, setup } from './test-world.ts'

afterEach(() => {
  clock.reset()
  delete process.env.SUPERVISION_VIDEO_MAX_MB
  delete process.env.SUPERVISION_VIDEO_MAX_SECONDS
})

// ── Small real container files, built byte by byte (no encoder on this machine) ──

const u32 = (n: number) => { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, n); return b }
const cat = (...parts: Uint8Array[]) => { const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0)); let at = 0; for (const p of parts) { out.set(p, at); at += p.length } return out }
const ascii = (s: string) => new TextEncoder().encode(s)
const box = (type: string, ...body: Uint8Array[]) => { const data = cat(...body); return cat(u32(8 + data.length), ascii(type), data) }

/** ftyp, then mdat, then moov/mvhd (phones write the index last), `seconds` long at timescale 600. */
function isoFile(brand: string, seconds: number, payload = 2048) {
  const mvhd = box('mvhd', new Uint8Array([0, 0, 0, 0]), u32(0), u32(0), u32(600), u32(Math.round(seconds * 600)), new Uint8Array(80))
  return cat(box('ftyp', ascii(brand), u32(0x200), ascii('isomavc1')), box('mdat', new Uint8Array(payload).map((_, i) => (i * 31) % 251)), box('moov', mvhd))
}

/** EBML header (DocType), then a Segment of unknown size (as a live recording) with Info › TimecodeScale, Duration. */
function ebmlFile(docType: string, seconds: number | null) {
  const el = (id: number[], data: Uint8Array) => cat(new Uint8Array(id), new Uint8Array([0x80 | data.length]), data)
  const header = el([0x1a, 0x45, 0xdf, 0xa3], cat(el([0x42, 0x86], new Uint8Array([1])), el([0x42, 0x82], ascii(docType))))
  const duration = new Uint8Array(8)
  new DataView(duration.buffer).setFloat64(0, (seconds ?? 0) * 1000)
  const info = el([0x15, 0x49, 0xa9, 0x66], cat(el([0x2a, 0xd7, 0xb1], new Uint8Array([0x0f, 0x42, 0x40])), ...(seconds === null ? [] : [el([0x44, 0x89], duration)])))
  const segment = cat(new Uint8Array([0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), info, new Uint8Array([0x1f, 0x43, 0xb6, 0x75, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), new Uint8Array(1024))
  return cat(header, segment)
}

describe('progress videos', () => {
  it('knows a video by its bytes and reads its duration; refuses anything else, too long or too large', async () => {
    expect(videoType(isoFile('isom', 12))).toBe('video/mp4')
    expect(videoDuration(isoFile('mp42', 12.5), 'video/mp4')).toBeCloseTo(12.5)
    expect(videoType(isoFile('qt  ', 3))).toBe('video/quicktime')
    expect(videoType(ebmlFile('webm', 8))).toBe('video/webm')
    expect(videoDuration(ebmlFile('webm', 8), 'video/webm')).toBeCloseTo(8)
    expect(videoDuration(ebmlFile('webm', null), 'video/webm')).toBeNull()
    expect((await checkVideo(isoFile('isom', 30), null)).mime).toBe('video/mp4')
    // A photo, a text file, an audio-only MP4 and a Matroska file renamed .mp4 are not videos.
    const png = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#369' } }).png().toBuffer()
    for (const bytes of [png, ascii('just some text, named clip.mp4'), isoFile('M4A ', 10), ebmlFile('matroska', 5), new Uint8Array(0)]) {
      await expectAppError(checkVideo(bytes, null), 'supervision.video_type')
    }
    await expectAppError(checkVideo(isoFile('isom', 61), null), 'supervision.video_too_long')
    await expectAppError(checkVideo(ebmlFile('webm', 75), null), 'supervision.video_too_long')
    // The limits are settings.
    process.env.SUPERVISION_VIDEO_MAX_SECONDS = '90'
    expect((await checkVideo(isoFile('isom', 75), null)).duration).toBeCloseTo(75)
    process.env.SUPERVISION_VIDEO_MAX_MB = '1'
    await expectAppError(checkVideo(isoFile('isom', 10, 1024 * 1024 + 1), null), 'supervision.video_too_large')
    // A poster that is not an image is dropped (the page shows a video tile); a real one is kept as a small JPEG.
    expect((await checkVideo(isoFile('isom', 5), ascii('not a picture'))).poster).toBeNull()
    const poster = (await checkVideo(isoFile('isom', 5), await sharp({ create: { width: 1280, height: 720, channels: 3, background: '#444' } }).jpeg().toBuffer())).poster!
    expect((await sharp(poster).metadata()).width).toBe(480)
  })

  it('is served in ranges to those who see the item, and to nobody else', async () => {
    const s = await setup()
    const id = await assignedItem(s)
    const file = isoFile('isom', 20, 5000)
    await expectAppError(uploadVideo(db(), s.outsider, id, file, null), 'not_found')
    await expectAppError(uploadVideo(db(), s.leader, id, file, null), 'supervision.not_owner')
    const video = await uploadVideo(db(), s.ownerA, id, file, null)
    expect(video).toMatchObject({ mime: 'video/mp4', size: file.length, hasPoster: false })
    await reportProgress(db(), s.ownerA, id, { text: '现场视频', percent: 20, videoIds: [video.id] }, context)
    expect((await getItem(db(), s.officer, id)).reports[0]!.videos.map((v) => v.id)).toEqual([video.id])
    for (const actor of [s.officer, s.ownerA, s.headA, s.ownerB, s.leader]) {
      const whole = await getVideo(db(), actor, video.id, null)
      expect(Buffer.from(whole.bytes!).equals(Buffer.from(file))).toBe(true)
    }
    const part = await getVideo(db(), s.ownerB, video.id, 'bytes=100-199')
    expect(part.range).toEqual({ start: 100, end: 199 })
    expect(Buffer.from(part.bytes!).equals(Buffer.from(file.subarray(100, 200)))).toBe(true)
    expect(Buffer.from((await getVideo(db(), s.ownerA, video.id, 'bytes=-10')).bytes!).equals(Buffer.from(file.subarray(-10)))).toBe(true)
    expect((await getVideo(db(), s.ownerA, video.id, `bytes=${file.length}-`)).range).toBe('unsatisfiable')
    await expectAppError(getVideo(db(), s.outsider, video.id, null), 'not_found')
    await expectAppError(getVideo(db(), s.outsider, video.id, 'bytes=0-9'), 'not_found')
    await expectAppError(getVideoPoster(db(), s.outsider, video.id), 'not_found')
    await expectAppError(getVideoPoster(db(), s.officer, video.id), 'not_found') // none was made
    await expectAppError(getVideo(db(), s.officer, '00000000-0000-7000-8000-00000000dead', null), 'not_found')
    // Someone else's upload, or one already in a report, cannot be attached.
    await expectAppError(reportProgress(db(), s.headA, id, { text: 'x', percent: 30, videoIds: [video.id] }, context), 'not_found')
  })

  it('parses the ranges phones send', () => {
    expect(parseRange(null, 1000)).toBeNull()
    expect(parseRange('bytes=0-', 1000)).toEqual({ start: 0, end: 999 })
    expect(parseRange('bytes=990-5000', 1000)).toEqual({ start: 990, end: 999 })
    expect(parseRange('bytes=-0', 1000)).toBe('unsatisfiable')
    expect(parseRange('bytes=20-10', 1000)).toBe('unsatisfiable')
    expect(parseRange('bytes=0-1,5-9', 1000)).toBeNull()
    expect(parseRange('items=0-1', 1000)).toBeNull()
  })
})

describe('督办通知', () => {
  it('drafts one formal notice for several items through the documents module, prefilled and linked both ways, by the office only', async () => {
    const s = await setup()
    await db().unit.update({ where: { id: s.tree.root.id }, data: { organCode: `T${Math.random().toString(36).slice(2, 8)}` } })
    clock.freeze(new Date())
    const late = await assignedItem(s, { deadline: inDays(2) })
    const other = (await createItem(db(), s.officer, { title: '推进老旧小区改造', requirement: '年底前完成 20 个小区改造', deadline: inDays(3), leadUnitId: s.tree.sibling.id }, context)).id
    clock.freeze(new Date(clock.now().getTime() + days(6)))
    // Nobody but the office: assigned units, the leader in charge and outsiders get not found.
    for (const actor of [s.ownerA, s.headA, s.leader, s.outsider]) await expectAppError(draftSupervisionNotice(db(), actor, { itemIds: [late] }, context), 'not_found')
    expect((await listItems(db(), s.officer, { view: 'all' })).filter((i) => i.mayNotice).map((i) => i.id).sort()).toEqual([late, other].sort())
    const notice = await draftSupervisionNotice(db(), s.officer, { itemIds: [late, other] }, context)
    expect(notice.created).toBe(true)
    const doc = await db().document.findUniqueOrThrow({ where: { id: notice.documentId } })
    expect(doc).toMatchObject({ kind: 'NOTICE', direction: 'OUTGOING', status: 'DRAFT', urgency: 'URGENT', title: '关于督促办理2项督办事项的督办通知' })
    expect(doc.mainRecipients).toContain(s.tree.dept.name)
    expect(doc.mainRecipients).toContain(s.tree.sibling.name)
    const body = JSON.stringify(readContent((await loadStoredDocument(db(), bodyDocName(notice.documentId))).doc))
    expect(body).toContain('落实营商环境措施')
    expect(body).toContain('年底前完成 20 个小区改造')
    expect(body).toContain(`牵头单位：${s.tree.dept.name}；配合单位：${s.tree.sibling.name}`)
    expect(body).toMatch(/已超期4天/)
    // The document is the drafter's like any other (route, number, layout from there).
    expect((await getDocument(db(), s.officer, notice.documentId)).id).toBe(notice.documentId)
    // Linked both ways: the items name it, the document page lists the items (as each reader may see them).
    expect((await getItem(db(), s.officer, late)).notice?.id).toBe(notice.documentId)
    expect((await getItem(db(), s.ownerA, late)).notice).toBeNull()
    expect((await itemsForNotice(db(), s.officer, notice.documentId)).map((i) => i.id).sort()).toEqual([late, other].sort())
    expect((await itemsForNotice(db(), s.ownerA, notice.documentId)).map((i) => i.id)).toEqual([late])
    expect(await itemsForNotice(db(), s.outsider, notice.documentId)).toEqual([])
    expect((await getItem(db(), s.officer, late)).events.some((e) => e.action === 'NOTICE_DRAFTED')).toBe(true)
    expect(await db().auditEvent.count({ where: { action: 'supervision.notice_draft', objectId: late } })).toBe(1)
    // Once: the same items open the same notice; an item already in one cannot join another.
    expect(await draftSupervisionNotice(db(), s.officer, { itemIds: [other, late] }, context)).toEqual({ documentId: notice.documentId, created: false })
    const third = (await createItem(db(), s.officer, { title: '第三项', deadline: inDays(3), leadUnitId: s.tree.dept.id }, context)).id
    await expectAppError(draftSupervisionNotice(db(), s.officer, { itemIds: [late, third] }, context), 'supervision.notice_exists')
    expect(await db().document.count({ where: { title: { contains: '督办通知' }, createdById: s.officer.personId } })).toBe(1)
  })
})

describe('单位评价', () => {
  it('the office rates a unit it supervises per quarter; shown on the unit page and in the ranking and its snapshot; audited', async () => {
    const s = await setup()
    clock.freeze(new Date('2026-11-10T04:00:00Z'))
    await assignedItem(s, { deadline: '2026-11-30' })
    for (const actor of [s.ownerA, s.headA, s.leader, s.outsider]) {
      await expectAppError(rateUnit(db(), actor, { unitId: s.tree.dept.id, period: '2026-Q4', score: 90 }, context), 'not_found')
    }
    // Only units the office supervises.
    await expectAppError(rateUnit(db(), s.officer, { unitId: s.tree.root.id, period: '2026-Q4', score: 90 }, context), 'not_found')
    // Bad input is refused by the schema (a ZodError, which the API answers as `validation`).
    await expect(rateUnit(db(), s.officer, { unitId: s.tree.dept.id, period: '2026-Q5', score: 90 }, context)).rejects.toThrow(/invalid/)
    await expect(rateUnit(db(), s.officer, { unitId: s.tree.dept.id, period: '2026-Q4', score: 101 }, context)).rejects.toThrow(/100/)
    await rateUnit(db(), s.officer, { unitId: s.tree.dept.id, period: '2026-Q4', score: 80, comment: '进度偏慢' }, context)
    await rateUnit(db(), s.officer, { unitId: s.tree.dept.id, period: '2026-Q4', score: 92, comment: '整改到位' }, context)
    await rateUnit(db(), s.officer, { unitId: s.tree.dept.id, period: '2026-Q2', score: 60 }, context)
    await rateUnit(db(), s.officer, { unitId: s.tree.sibling.id, period: '2026-Q4', score: 70 }, context)
    const page = await unitRatings(db(), s.officer, s.tree.dept.id)
    expect(page.ratings.map((r) => [r.period, r.score, r.comment])).toEqual([['2026-Q4', 92, '整改到位'], ['2026-Q2', 60, '']])
    expect(page.mayRate).toBe(true)
    expect(page.currentQuarter).toBe('2026-Q4')
    // The unit's own people and its leader in charge read it; others get not found.
    expect((await unitRatings(db(), s.ownerA, s.tree.dept.id)).mayRate).toBe(false)
    expect((await unitRatings(db(), s.leader, s.tree.dept.id)).ratings).toHaveLength(2)
    await expectAppError(unitRatings(db(), s.outsider, s.tree.dept.id), 'not_found')
    await expectAppError(unitRatings(db(), s.ownerB, s.tree.dept.id), 'not_found')
    expect(await db().auditEvent.count({ where: { action: 'supervision.rate_unit', actorId: s.officer.personId } })).toBe(4)
    // Rankings: the quarters overlapping the period count (Q2 is outside October–December).
    const rows = await computeRanking(db(), s.officer, { from: '2026-10-01', to: '2026-12-31' })
    expect(rows.find((r) => r.unitId === s.tree.dept.id)?.unitScore).toBe(92)
    expect(rows.find((r) => r.unitId === s.tree.sibling.id)?.unitScore).toBe(70)
    // With everything else equal, the unit score decides the order.
    expect(rows.map((r) => r.unitId)).toEqual([s.tree.dept.id, s.tree.sibling.id])
    expect((await computeRanking(db(), s.officer, { from: '2026-01-01', to: '2026-12-31' })).find((r) => r.unitId === s.tree.dept.id)?.unitScore).toBe(76)
    const published = await publishRanking(db(), s.officer, { from: '2026-10-01', to: '2026-12-31' }, context)
    await rateUnit(db(), s.officer, { unitId: s.tree.dept.id, period: '2026-Q4', score: 40 }, context)
    const snapshot = await db().supervisionRanking.findUniqueOrThrow({ where: { id: published.id } })
    expect((snapshot.rows as { unitId: string; unitScore: number }[]).find((r) => r.unitId === s.tree.dept.id)?.unitScore).toBe(92)
  })
})
