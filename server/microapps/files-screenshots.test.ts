/**
 * Files given to apps (chooseImage / uploadFile through the bridge, scope file.upload) and store
 * screenshots: types judged by the bytes, sizes bounded, references that fetch only with their key,
 * screenshots of a pending version hidden from everyone but its reviewers and developers.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../core/db/index.ts'
import { clock, days } from '../core/clock.ts'
import { actorFor, buildContext, buildPerson, buildTree } from '../test/factories.ts'
import { expectAppError } from '../test/expect-app-error.ts'
import { appDetails, callBridge, deleteExpiredAppFiles, grantConsent, installApp, reviewVersion, screenshotImage, submitApp } from './index.ts'
import { appsRequestHandler } from './hosting.ts'

afterEach(() => clock.reset())

let server: http.Server
let apps: string
beforeAll(async () => {
  server = http.createServer(appsRequestHandler(db()))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  apps = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

const image = (width: number, height: number, format: 'png' | 'jpeg' = 'png') => sharp({ create: { width, height, channels: 3, background: '#b91c1c' } })[format]().toBuffer()

async function world(scopes = ['user.basic', 'file.upload']) {
  const tree = await buildTree()
  const platform = await actorFor(await buildPerson({ unit: tree.root, grants: [{ permissions: ['app.review', 'app.manage'], unit: tree.root }] }))
  const unitAdmin = await actorFor(await buildPerson({ unit: tree.dept, grants: [{ permissions: ['app.manage'], unit: tree.dept }] }))
  const person = await actorFor(await buildPerson({ unit: tree.division }))
  const manifest = {
    id: `cn.gov.test.files${Math.random().toString(36).slice(2, 8)}`, name: '附件应用', description: '测试', icon: '附', version: '1.0.0',
    developerUnit: tree.dept.id, category: 'office', entry: { type: 'bundled', path: 'index.html' }, scopes, networkOrigins: [], platforms: { phone: true, desktop: true },
  }
  return { tree, platform, unitAdmin, person, manifest }
}

describe('files given to apps', () => {
  it('needs file.upload and consent; judges the type by the bytes; the reference fetches only with its key, until it expires', async () => {
    const w = await world()
    const { appId, versionId } = await submitApp(db(), w.unitAdmin, w.manifest, buildContext())
    await reviewVersion(db(), w.platform, versionId, { decision: 'approve' }, buildContext())
    await installApp(db(), w.unitAdmin, { appId, unitId: w.tree.dept.id }, buildContext())
    const png = await image(30, 20)
    const upload = (name: string, bytes: Uint8Array, api: 'uploadFile' | 'chooseImage' = 'uploadFile') => callBridge(db(), w.person, { appId, api, params: {} }, buildContext(), { name, bytes })
    await expectAppError(upload('a.png', png), 'microapp.consent_required')
    await grantConsent(db(), w.person, { appId, scope: 'file.upload' }, buildContext())
    // The JSON bridge carries no bytes: a forged call without the files route is refused.
    await expectAppError(callBridge(db(), w.person, { appId, api: 'uploadFile', params: { content: 'AAAA' } }, buildContext()), 'validation')
    const ref = (await upload('图.png', png)) as { url: string; type: string; size: number }
    expect(ref).toMatchObject({ type: 'image/png', size: png.length })
    // The reference is on the apps origin; this test's own server stands for it.
    const url = `${apps}${new URL(ref.url).pathname}`
    expect(new URL(ref.url).pathname).toMatch(/^\/files\/[0-9a-f-]{36}\/[\w-]{32}$/)
    const fetched = await fetch(url)
    expect(fetched.status).toBe(200)
    expect(fetched.headers.get('content-type')).toBe('image/png')
    expect(fetched.headers.get('access-control-allow-origin')).toBe('*')
    expect(Buffer.from(await fetched.arrayBuffer()).equals(png)).toBe(true)
    expect((await fetch(url.replace(/[\w-]+$/, 'A'.repeat(32)))).status).toBe(404)
    // Names and declared types do not count; a PDF is a file but not an image; a header with no image fails.
    await expectAppError(upload('x.png', new TextEncoder().encode('<html><script>alert(1)</script>')), 'microapp.file_type')
    const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n')
    expect(await upload('说明.pdf', pdf)).toMatchObject({ type: 'application/pdf' })
    await expectAppError(upload('说明.pdf', pdf, 'chooseImage'), 'microapp.file_type')
    await expectAppError(upload('broken.png', png.subarray(0, 16)), 'microapp.file_type')
    await expectAppError(upload('big.png', new Uint8Array(5 * 1024 * 1024 + 1)), 'microapp.file_too_large')
    expect(await upload('photo.jpg', await image(64, 48, 'jpeg'), 'chooseImage')).toMatchObject({ files: [{ type: 'image/jpeg', name: 'photo.jpg' }] })
    clock.advance(days(7) + 1000)
    expect((await fetch(url)).status).toBe(404)
    expect(await db().microAppFile.count({ where: { appId } })).toBe(3)
    await deleteExpiredAppFiles(db())
    expect(await db().microAppFile.count({ where: { appId } })).toBe(0)
  })

  it('an app without file.upload is refused before anything is stored', async () => {
    const w = await world(['user.basic'])
    const { appId, versionId } = await submitApp(db(), w.unitAdmin, w.manifest, buildContext())
    await reviewVersion(db(), w.platform, versionId, { decision: 'approve' }, buildContext())
    await installApp(db(), w.unitAdmin, { appId, unitId: w.tree.dept.id }, buildContext())
    await expectAppError(callBridge(db(), w.person, { appId, api: 'chooseImage', params: {} }, buildContext(), { name: 'a.png', bytes: await image(4, 4) }), 'microapp.scope_not_granted')
    expect(await db().microAppFile.count({ where: { appId } })).toBe(0)
  })
})

describe('store screenshots', () => {
  it('are checked by their bytes, filed as phone or desktop, and shown only once the version is listed (before: its reviewers and developers)', async () => {
    const w = await world()
    await expectAppError(submitApp(db(), w.unitAdmin, w.manifest, buildContext(), [new TextEncoder().encode('GIF89a not really')]), 'microapp.screenshot_limit')
    await expectAppError(submitApp(db(), w.unitAdmin, w.manifest, buildContext(), await Promise.all(Array.from({ length: 7 }, () => image(10, 10)))), 'microapp.screenshot_limit')
    const { appId, versionId } = await submitApp(db(), w.unitAdmin, w.manifest, buildContext(), [await image(390, 844), await image(1366, 860, 'jpeg')])
    const shots = await db().microAppScreenshot.findMany({ where: { versionId }, orderBy: { sortOrder: 'asc' } })
    expect(shots.map((s) => [s.form, s.mime, s.width, s.height])).toEqual([['PHONE', 'image/webp', 390, 844], ['DESKTOP', 'image/webp', 1366, 860]])
    // Re-encoded: the stored bytes are WebP whatever came in.
    expect(Buffer.from(shots[1]!.bytes).subarray(8, 12).toString()).toBe('WEBP')
    await expectAppError(screenshotImage(db(), w.person, shots[0]!.id), 'not_found')
    expect((await screenshotImage(db(), w.unitAdmin, shots[0]!.id)).mime).toBe('image/webp')
    expect((await screenshotImage(db(), w.platform, shots[0]!.id)).mime).toBe('image/webp')
    await reviewVersion(db(), w.platform, versionId, { decision: 'approve' }, buildContext())
    expect((await screenshotImage(db(), w.person, shots[0]!.id)).bytes.length).toBeGreaterThan(0)
    expect((await appDetails(db(), w.person, appId)).screenshots.map((s) => s.form)).toEqual(['PHONE', 'DESKTOP'])
  })
})
