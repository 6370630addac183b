import { writeFileSync } from 'node:fs'
import { chromium, type Browser, type Page, type TestInfo } from '@playwright/test'
import { expect, test, watchCsp } from './support/csp.ts'
import { signIn } from './support/helpers.ts'

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true }

async function personPage(browser: Browser, testInfo: TestInfo, account: string, phone = false) {
  const { viewport, deviceScaleFactor, isMobile, hasTouch, locale, timezoneId, baseURL } = testInfo.project.use
  const context = await browser.newContext({ ...(phone ? PHONE : { viewport, deviceScaleFactor, isMobile, hasTouch }), locale, timezoneId, baseURL })
  watchCsp(context)
  const page = await context.newPage()
  await signIn(page, account)
  return page
}

/** Beijing wall time `minutes` from now, as the date and time inputs take it. */
function beijingIn(minutes: number) {
  const at = new Date(Date.now() + minutes * 60_000 + 8 * 3_600_000).toISOString()
  return { date: at.slice(0, 10), time: at.slice(11, 16) }
}

async function pick(page: Page, placeholder: string, name: string) {
  await page.getByPlaceholder(placeholder).fill(name)
  await page.getByRole('button', { name: new RegExp(`^${name}`) }).first().click()
}

test('the office calls a meeting with a room and video; units name attendees and a substitute; a decline from a phone; the roll; QR check-in; minutes and a decision', async ({ browser }, testInfo) => {
  test.setTimeout(180_000)
  const isPhone = testInfo.project.name === 'phone'
  // Each project books its own room, so the two runs never take each other's time.
  const room = isPhone ? '市政府常务会议室' : '市政府第一会议室'
  const title = `城市更新专题会议（${testInfo.project.name}-${Date.now() % 100000}）`
  const start = beijingIn(5)
  const end = beijingIn(65)

  // 1. The office (会务员 王芳) books the room with video and invites people and two units.
  const office = await personPage(browser, testInfo, 'clerk')
  await office.goto('/meetings/new')
  await office.getByLabel('会议名称').fill(title)
  await office.getByLabel('形式').selectOption('BOTH')
  await office.getByLabel('日期', { exact: true }).first().fill(start.date)
  await office.locator('input[name=start]').fill(start.time)
  await office.locator('input[name=end]').fill(end.date === start.date ? end.time : '23:59')
  const roomSelect = office.locator('select[name=roomId]')
  await roomSelect.selectOption((await roomSelect.locator('option', { hasText: room }).getAttribute('value'))!)
  await pick(office, '搜索主持人姓名', '陈建国')
  for (const name of ['刘海涛', '赵雅琴', '吴明']) await pick(office, '搜索姓名添加参会人员', name)
  await office.getByRole('checkbox', { name: '市发展和改革委员会' }).check()
  await office.getByRole('checkbox', { name: '东平区人民政府', exact: true }).check()
  await office.screenshot({ path: testInfo.outputPath('new-meeting.png'), fullPage: true })
  await office.getByRole('button', { name: '发出邀请' }).click()
  await expect(office).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/)
  const meetingUrl = new URL(office.url()).pathname
  await expect(office.getByRole('heading', { level: 1 })).toHaveText(title)
  await expect(office.getByText(`${room}（`)).toBeVisible()

  // 2. 单位报名: 东平区's office names 何振宇, who sends 邓卫东 in his place (代参会).
  const dpOffice = await personPage(browser, testInfo, 'dpclerk')
  await dpOffice.goto('/inbox')
  await dpOffice.getByRole('link', { name: new RegExp(`单位报名：${title.replace(/[()（）]/g, '.')}`) }).click()
  await expect(dpOffice).toHaveURL(new RegExp(meetingUrl))
  await pick(dpOffice, '搜索本单位人员', '何振宇')
  await dpOffice.getByRole('button', { name: '报名参会人员' }).click()
  await expect(dpOffice.getByText(/未报名/)).toHaveCount(0)
  const dpDeputy = await personPage(browser, testInfo, 'dpdeputy')
  await dpDeputy.goto(meetingUrl)
  await dpDeputy.getByRole('radio', { name: '代参会' }).check()
  await pick(dpDeputy, '搜索代参会人员', '邓卫东')
  await dpDeputy.getByRole('button', { name: '提交' }).click()
  await expect(dpDeputy.getByRole('status')).toContainText('已回复：代参会')

  // 3. An invitee declines on a phone, from the inbox.
  const deputy2 = await personPage(browser, testInfo, 'deputy2', true)
  await deputy2.goto('/inbox')
  await deputy2.getByRole('link', { name: new RegExp(`会议邀请：${title.replace(/[()（）]/g, '.')}`) }).click()
  await deputy2.screenshot({ path: testInfo.outputPath('invitation-phone.png'), fullPage: true })
  await deputy2.getByRole('radio', { name: '请假' }).check()
  await deputy2.getByLabel('请假事由').fill('赴省里参加会议')
  await deputy2.getByRole('button', { name: '提交' }).click()
  await expect(deputy2.getByRole('status')).toContainText('已回复：请假（赴省里参加会议）')

  // 4. The organiser sees the roll per unit: the page opened at step 1 followed every answer live
  // (the badge stream's wake-up, no reload).
  const roll = office.getByRole('region', { name: '参会回执' })
  await expect(roll.getByText('实时更新')).toBeVisible()
  await expect(roll.getByRole('row', { name: /赵雅琴 请假 赴省里参加会议/ })).toBeVisible()
  await expect(roll.getByRole('row', { name: /何振宇 代参会/ })).toBeVisible()
  await expect(roll.getByRole('row', { name: /邓卫东 未回复\s+何振宇/ })).toBeVisible()
  await expect(roll.getByText('东平区人民政府：已报 1/1 人')).toBeVisible()
  await expect(roll.getByText('市发展和改革委员会：未报名')).toBeVisible()
  await office.screenshot({ path: testInfo.outputPath('roll.png'), fullPage: true })
  const download = office.waitForEvent('download')
  await roll.getByRole('link', { name: '导出 Excel' }).click()
  expect((await download).suggestedFilename()).toMatch(/参会名单-.*\.xlsx$/)

  // 5. Check-in: the room's screen shows the title and a QR; a phone camera scans it.
  const screen = await personPage(browser, testInfo, 'clerk')
  await screen.goto('/meetings/rooms')
  await screen.screenshot({ path: testInfo.outputPath('rooms.png'), fullPage: true })
  await screen.getByRole('listitem').filter({ hasText: room }).getByRole('link', { name: '会议室屏幕' }).click()
  await expect(screen.getByRole('heading', { level: 1 })).toHaveText(title)
  const qr = screen.getByRole('img', { name: '请用手机扫码签到' })
  await expect(qr).toBeVisible()
  await screen.screenshot({ path: testInfo.outputPath('room-screen.png') })
  // Chromium's fake camera plays a file: an MJPEG of the screen's QR code (the frame repeated).
  const box = (await qr.boundingBox())!
  // The whole code with a white margin, in even dimensions (the fake camera wants them).
  const size = Math.ceil((Math.max(box.width, box.height) + 48) / 16) * 16
  const frame = await screen.screenshot({ type: 'jpeg', quality: 95, clip: { x: box.x + box.width / 2 - size / 2, y: box.y + box.height / 2 - size / 2, width: size, height: size } })
  const video = testInfo.outputPath('qr.mjpeg')
  writeFileSync(video, Buffer.concat(Array.from({ length: 10 }, () => frame)))
  const launch = testInfo.project.use.launchOptions ?? {}
  const camera = await chromium.launch({ ...launch, args: [...(launch.args ?? []), '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`] })
  try {
    const head = await personPage(camera, testInfo, 'head', true)
    await head.goto(`${meetingUrl}/check-in`)
    await head.getByRole('button', { name: '扫描会议室二维码' }).click()
    await expect(head.getByRole('status')).toHaveText('您已签到。', { timeout: 20_000 }).catch(async (error) => {
      await head.screenshot({ path: testInfo.outputPath('camera-page.png') })
      throw error
    })
  } finally {
    await camera.close()
  }
  // A stale code (a photo from an earlier step) is refused; the short code under the QR works.
  const step = Math.floor(Date.now() / 30_000)
  const deputy = await personPage(browser, testInfo, 'deputy', true)
  await deputy.goto(`${meetingUrl}/check-in?t=${step - 4}.c3RhbGUtcXItY29kZQ`)
  await deputy.getByRole('button', { name: '确认签到' }).click()
  await expect(deputy.getByRole('alert').filter({ hasText: '签到码已过期' })).toBeVisible()
  await deputy.getByLabel('签到码').fill((await screen.getByTestId('short-code').textContent())!.trim())
  await deputy.getByRole('button', { name: '用签到码签到' }).click()
  await expect(deputy.getByRole('status')).toHaveText('您已签到。')
  // Both check-ins reached the organiser's open roll, still without a reload.
  await expect(roll.getByRole('status')).toContainText('已签到 2')

  // 6. A decision is recorded; the minutes are co-edited on the meeting's 纪要 tab and issued as a
  // 纪要 document in one action.
  const decisions = office.getByRole('region', { name: '议定事项' })
  await decisions.getByLabel('议定内容').fill('城市更新方案原则通过，由发改委牵头细化实施计划')
  await decisions.getByLabel('责任单位').selectOption({ label: '市政府办公室' })
  await decisions.getByRole('button', { name: '记录议定事项' }).click()
  await expect(decisions.getByText('城市更新方案原则通过，由发改委牵头细化实施计划')).toBeVisible()
  await office.getByRole('navigation', { name: '会议页面' }).getByRole('link', { name: '纪要' }).click()
  await expect(office).toHaveURL(/\?tab=minutes$/)
  await office.getByRole('button', { name: '开始记录纪要' }).click()
  const minutes = office.getByRole('region', { name: '会议纪要正文' })
  await expect(minutes.getByTestId('editor-status')).toHaveAttribute('data-synced', 'yes', { timeout: 20_000 })
  await expect(minutes).toContainText('陈建国主持召开')
  await expect(minutes).toContainText('城市更新方案原则通过')
  await minutes.getByTestId('doc-body').click()
  await office.keyboard.press('ControlOrMeta+End')
  await office.keyboard.press('Enter')
  await office.keyboard.type('会议要求各有关单位抓好落实。')
  // Co-edited: another manager's page (its own browser storage) receives the line, which the
  // co-editing server forwards only once stored.
  await screen.goto(`${meetingUrl}?tab=minutes`)
  await expect(screen.getByRole('region', { name: '会议纪要正文' })).toContainText('会议要求各有关单位抓好落实。', { timeout: 20_000 })
  await office.screenshot({ path: testInfo.outputPath('minutes-tab.png'), fullPage: true })
  if (isPhone) expect(await office.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await office.getByRole('button', { name: '发为纪要公文' }).click()
  await expect(office).toHaveURL(/\/documents\/[0-9a-f-]{36}$/)
  await expect(office.getByRole('heading', { level: 1 }).first()).toContainText(`${title}纪要`)
  await expect(office.locator('.coeditor')).toContainText('城市更新方案原则通过', { timeout: 20_000 })
  await expect(office.locator('.coeditor')).toContainText('吴明')
  await expect(office.locator('.coeditor')).toContainText('会议要求各有关单位抓好落实。')
  await expect(office.locator('.coeditor')).toContainText('出席情况')

  await office.screenshot({ path: testInfo.outputPath('minutes.png') })
  if (isPhone) expect(await office.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
})
