import sharp from 'sharp'
import { expect } from '@playwright/test'
import { test } from './support/csp.ts'
import { personPage } from './support/people.ts'
import { signIn } from './support/helpers.ts'

/**
 * On a phone: the owner records a short video through the camera input (a real WebM, recorded in the
 * browser from a canvas with MediaRecorder) and reports with it; the player seeks with byte ranges;
 * the URL gives nothing to someone outside the item; a renamed image is refused in Chinese. Then the
 * supervision office drafts a 督办通知 for the item from its list, and rates the unit for the quarter.
 */
test('a progress video from the camera, served only to those who see the item; a 督办通知 and a unit rating', async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'a phone-first journey; one run is enough')
  test.setTimeout(180_000)
  const title = '落实优化营商环境十条措施'
  const owner = await personPage(browser, testInfo, 'ndrchead')
  await owner.goto('/supervision')
  await owner.getByRole('link', { name: new RegExp(title) }).first().click()
  await expect(owner.getByTestId('report-form')).toBeVisible()

  // A real WebM: six chunks of a canvas animation, as a phone's recorder would produce (no encoder here).
  const webm = Buffer.from(await owner.evaluate(async () => {
    // The canvas is on the page and repainted every animation frame, so the captured track has frames.
    const canvas = document.createElement('canvas')
    canvas.width = 160
    canvas.height = 120
    document.body.append(canvas)
    const ctx = canvas.getContext('2d')!
    let frame = 0
    let painting = true
    const draw = () => { ctx.fillStyle = `hsl(${(frame++ * 25) % 360} 80% 50%)`; ctx.fillRect(0, 0, 160, 120); ctx.fillStyle = '#fff'; ctx.fillText(String(frame), 70, 60); if (painting) requestAnimationFrame(draw) }
    draw()
    const recorder = new MediaRecorder(canvas.captureStream(30), { mimeType: 'video/webm' })
    const chunks: Blob[] = []
    const stopped = new Promise((resolve) => { recorder.onstop = resolve })
    recorder.ondataavailable = (e) => { if (e.data.size) chunks.push(e.data); if (chunks.length >= 6 && recorder.state === 'recording') recorder.stop() }
    recorder.start(100)
    await stopped
    painting = false
    canvas.remove()
    const bytes = new Uint8Array(await new Blob(chunks, { type: 'video/webm' }).arrayBuffer())
    return Array.from(bytes)
  }))
  expect(webm.subarray(0, 4).toString('hex')).toBe('1a45dfa3')

  // A renamed photo is refused, in the user's language.
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#2a6' } }).png().toBuffer()
  await owner.getByTestId('video-input').setInputFiles({ name: 'clip.mp4', mimeType: 'video/mp4', buffer: png })
  await expect(owner.getByText('只能上传视频（MP4、WebM 或 MOV）。')).toBeVisible()

  await owner.getByTestId('video-input').setInputFiles({ name: 'clip.webm', mimeType: 'video/webm', buffer: webm })
  await expect(owner.getByTestId('video-preview')).toHaveCount(1, { timeout: 30_000 })
  await owner.getByLabel('进展情况').fill('现场拍摄的施工进展视频。')
  await owner.getByLabel('完成进度（%）').fill('75')
  await owner.getByTestId('report-form').getByRole('button', { name: '提交', exact: true }).click()
  const player = owner.getByTestId('report-video').first()
  await expect(player).toBeVisible()
  const src = (await player.locator('source').getAttribute('src'))!
  expect(src).toMatch(/^\/api\/supervision\/videos\/[0-9a-f-]{36}$/)

  // The player's requests: a range answers 206 with the bytes asked; the whole file is what was recorded.
  const part = await owner.request.get(src, { headers: { range: 'bytes=0-99' } })
  expect(part.status()).toBe(206)
  expect(part.headers()['content-range']).toBe(`bytes 0-99/${webm.length}`)
  expect(part.headers()['content-type']).toBe('video/webm')
  expect((await part.body()).equals(webm.subarray(0, 100))).toBe(true)
  expect((await (await owner.request.get(src)).body()).equals(webm)).toBe(true)
  expect((await owner.request.get(src, { headers: { range: `bytes=${webm.length}-` } })).status()).toBe(416)
  const poster = await owner.request.get(`${src}?poster=1`)
  expect(poster.status()).toBe(200)
  expect(poster.headers()['content-type']).toBe('image/jpeg')

  // By URL, someone outside the item gets nothing (not found, as for an id that does not exist).
  const outsider = await personPage(browser, testInfo, 'drafter')
  expect((await outsider.request.get(src)).status()).toBe(404)
  expect((await outsider.request.get(src, { headers: { range: 'bytes=0-99' } })).status()).toBe(404)
  expect((await outsider.request.get(`${src}?poster=1`)).status()).toBe(404)

  // The office drafts a 督办通知 for the item from its list; the document links back.
  const supervisor = await personPage(browser, testInfo, 'supervisor')
  await supervisor.goto('/supervision?view=all')
  const row = supervisor.getByTestId('supervision-items').locator('li').filter({ hasText: title })
  await row.getByTestId('notice-pick').check()
  await supervisor.getByTestId('draft-notice').click()
  await expect(supervisor).toHaveURL(/\/documents\/[0-9a-f-]{36}$/, { timeout: 30_000 })
  await expect(supervisor.getByTestId('notice-items').getByRole('link', { name: title })).toBeVisible()
  await supervisor.getByTestId('notice-items').getByRole('link', { name: title }).click()
  await expect(supervisor.getByTestId('notice-link')).toContainText('督办通知')

  // 单位评价 from the ranking: the unit's page takes a score for the quarter, and the ranking shows it.
  await supervisor.goto('/supervision/rankings')
  await supervisor.locator('.sv-rank-cards').getByRole('link', { name: '市发展和改革委员会' }).first().click()
  await expect(supervisor.getByTestId('unit-ratings')).toBeVisible()
  await supervisor.getByTestId('rate-unit-form').getByLabel('单位评分').fill('86')
  await supervisor.getByTestId('rate-unit-form').getByLabel('评价意见').fill('视频反馈及时，进度有所加快。')
  await supervisor.getByTestId('rate-unit-form').getByRole('button', { name: '评价单位' }).click()
  await expect(supervisor.getByTestId('unit-rating').first()).toContainText('86 分')
  await supervisor.goto('/supervision/rankings')
  await expect(supervisor.locator('.sv-rank-cards li').filter({ hasText: '市发展和改革委员会' }).first()).toContainText('单位评分 86')

  // Pictures of the new pages, on the phone and at 1366 px, for a person to look at.
  const shots: [string, string][] = [['item', new URL(owner.url()).pathname], ['list', '/supervision?view=all'], ['rankings', '/supervision/rankings'], ['unit', (await supervisor.locator('.sv-rank-cards').getByRole('link', { name: '市发展和改革委员会' }).first().getAttribute('href'))!]]
  const desk = await browser.newContext({ viewport: { width: 1366, height: 860 }, baseURL: testInfo.project.use.baseURL, locale: testInfo.project.use.locale })
  const deskPage = await desk.newPage()
  await signIn(deskPage, 'supervisor')
  for (const [name, path] of shots) {
    await supervisor.goto(path)
    await supervisor.screenshot({ path: testInfo.outputPath(`${name}-phone.png`), fullPage: true })
    await deskPage.goto(path)
    await deskPage.screenshot({ path: testInfo.outputPath(`${name}-desktop.png`), fullPage: true })
  }
  await desk.close()
})
