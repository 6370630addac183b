import type { Page } from '@playwright/test'
import { expect, test } from './support/csp.ts'
import { personPage } from './support/people.ts'

/**
 * The whole life of a notice, from the seeded demo data alone (no administrator edits anything):
 * drafted and co-edited, reviewed with tracked edits, countersigned by two units in parallel, signed off
 * on a phone, numbered, sealed and distributed inside and to another organisation — to 东平区人民政府
 * itself, whose registry returns a wrong copy with a reason, opens the sealed PDF before signing for it
 * on a phone, and verifies it; the sender sees the receipt and the return. The district registers it,
 * its office head proposes (拟办), the 区长 instructs on a phone, a district department handles it, it
 * is circulated and archived. Desktop project only: it is one long story, and its phone steps use
 * phone-sized contexts of their own.
 */
test('a notice from draft to the other organisation’s archive', async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'one run of the whole story is enough; the phone step has its own context')
  test.setTimeout(420_000) // one long story; minutes more when the machine is loaded
  const title = `关于开展冬季消防安全检查的通知（${Date.now() % 100000}）`
  const titleRe = title.replace(/[()（）]/g, '.')
  const body = (page: Page) => page.getByTestId('doc-body')
  // Text without other people's caret labels (they sit in the DOM wherever their cursor is).
  const bodyText = (page: Page) => body(page).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement
    copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove())
    return copy.textContent
  })
  const step = (page: Page) => page.getByTestId('document-step')
  /** Confirm the dialog an irreversible step asks with (outgoing steps; document-actions.spec.ts checks what it says). */
  const confirmed = (page: Page) => page.getByRole('dialog').getByTestId('confirm-action').click()
  /** Act at the current step (confirming, for outgoing documents) and wait until the page shows the next revision. */
  const act = async (page: Page, opinion?: string, confirm = false) => {
    if (opinion) await page.getByLabel('办理意见').fill(opinion)
    const revision = await page.locator('.document-page').getAttribute('data-revision')
    await page.getByTestId('act').click()
    if (confirm) await confirmed(page)
    // Signing off renders the PDF before answering: seconds on a loaded machine.
    await expect(page.locator('.document-page')).not.toHaveAttribute('data-revision', revision!, { timeout: 30_000 })
  }

  // Drafting, with a colleague.
  const drafter = await personPage(browser, testInfo, 'drafter')
  await drafter.goto('/documents/new')
  await drafter.getByLabel('标题').fill(title)
  await drafter.getByLabel('主送机关').fill('各县（区）人民政府，市政府各部门')
  await drafter.getByRole('button', { name: '创建草稿' }).click()
  await expect(drafter).toHaveURL(/\/documents\/[0-9a-f-]{36}$/)
  const url = drafter.url()
  await drafter.getByRole('searchbox', { name: '共同起草人' }).fill('李娜')
  await drafter.getByRole('button', { name: /李娜/ }).click()
  await expect(drafter.getByTestId('editor-status')).toHaveText('已连接 · 已保存')
  await body(drafter).click()
  await drafter.keyboard.insertText('为切实做好今冬消防安全工作，现就有关事项通知如下。')
  const colleague = await personPage(browser, testInfo, 'drafter2')
  await colleague.goto(url)
  await expect.poll(() => bodyText(colleague)).toContain('现就有关事项通知如下。')
  await body(colleague).click()
  await colleague.keyboard.press('ControlOrMeta+End')
  await colleague.keyboard.press('Enter')
  await colleague.keyboard.insertText('请各单位于12月31日前报送检查情况。')
  await expect.poll(() => bodyText(drafter)).toContain('请各单位于12月31日前报送检查情况。')
  await drafter.getByTestId('submit-draft').click()
  await confirmed(drafter)
  await expect(step(drafter)).toHaveText('核稿')
  // The drafter urges the reviewer (催办); it lands in the reviewer's 待阅.
  await drafter.locator('summary', { hasText: '催办' }).click()
  await drafter.getByLabel('催办说明（可不填）').fill('请今天审核')
  await drafter.locator('.urge').getByRole('button', { name: '催办' }).click()
  await expect(drafter.getByRole('status').filter({ hasText: '已催办 1 人' })).toBeVisible()

  // Review: the division head edits the body and sends it to two units to countersign.
  const head = await personPage(browser, testInfo, 'head')
  await head.goto('/inbox?view=toread')
  await expect(head.getByRole('link', { name: new RegExp(`催办：${title.replace(/[()（）]/g, '.')}`) })).toBeVisible()
  await head.goto('/inbox')
  await head.getByRole('link', { name: new RegExp(title.replace(/[()（）]/g, '.')) }).first().click()
  await expect(head).toHaveURL(url)
  await expect(head.getByTestId('editor-status')).toHaveText('已连接 · 已保存')
  await body(head).click()
  await head.keyboard.press('ControlOrMeta+End')
  await head.keyboard.insertText('逾期未报的，予以通报。')
  await head.getByRole('button', { name: '拟同意，请领导审签。' }).click()
  await head.getByRole('checkbox', { name: '市财政局' }).check()
  await head.getByRole('checkbox', { name: '市发展和改革委员会' }).check()
  await act(head, undefined, true)
  await expect(step(head)).toHaveText('会签')
  // Track changes: the head's insertion is attributed to him.
  await head.reload()
  await head.getByTestId('versions').getByRole('listitem').filter({ hasText: '提交' }).getByRole('button', { name: '与当前比较' }).click()
  await expect(head.getByTestId('version-view').locator('ins[data-author="吴明"]')).toContainText('逾期未报的，予以通报。')

  // Countersign in parallel.
  for (const account of ['finhead', 'ndrchead']) {
    const page = await personPage(browser, testInfo, account)
    await page.goto(url)
    await act(page, '同意。', true)
  }
  await drafter.reload()
  await expect(step(drafter)).toHaveText('签发')

  // The leader signs off on a phone.
  const leader = await personPage(browser, testInfo, 'leader', 'phone')
  await leader.goto(url)
  await expect(leader.getByRole('heading', { level: 1 })).toHaveText(title)
  await act(leader, '同意印发。', true)
  await expect(step(leader)).toHaveText('复核')

  // The office re-checks, numbers, seals and distributes.
  const clerk = await personPage(browser, testInfo, 'clerk')
  await clerk.goto(url)
  await act(clerk, undefined, true)
  await expect(step(clerk)).toHaveText('编号登记')
  await clerk.getByRole('button', { name: '编号' }).click()
  await confirmed(clerk)
  await expect(clerk.getByTestId('document-number')).toHaveText(/^泰政办发〔\d{4}〕\d+号$/)
  const number = (await clerk.getByTestId('document-number').textContent())!
  await expect(step(clerk)).toHaveText('用印')
  await clerk.getByTestId('seal-panel').getByRole('button', { name: '用印' }).click()
  await confirmed(clerk)
  await expect(step(clerk)).toHaveText('分发')
  // The sealed PDF verifies for anyone on the platform.
  const sealedPdf = await clerk.request.get(`${url}`.replace('/documents/', '/api/documents/') + '/seal/pdf')
  expect(sealedPdf.ok()).toBeTruthy()
  const verifier = await personPage(browser, testInfo, 'auditor')
  await verifier.goto('/verify')
  await verifier.locator('input[type="file"]').setInputFiles({ name: 'sealed.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await sealedPdf.body()) })
  await verifier.getByRole('button', { name: '验证' }).click()
  await expect(verifier.getByTestId('verdict')).toContainText('泰和市人民政府办公室')
  await clerk.getByRole('checkbox', { name: '秘书科' }).check()
  await clerk.getByRole('checkbox', { name: '东平区人民政府' }).check()
  await clerk.getByRole('checkbox', { name: '区教育局' }).check()
  await clerk.getByRole('button', { name: '分发' }).click()
  await confirmed(clerk)
  await expect(step(clerk)).toHaveText('已办结')
  await expect(clerk.getByTestId('distributions')).toContainText('未签收')

  // The district's registry, on a phone: the copy sent to 区教育局 was meant for the government
  // itself, so it is returned with a reason (拒收/退回), never signed for.
  const dpclerk = await personPage(browser, testInfo, 'dpclerk', 'phone')
  await dpclerk.goto('/documents?box=receive')
  await dpclerk.getByRole('link', { name: new RegExp(`${titleRe}.*→ 区教育局`) }).click()
  await dpclerk.locator('summary', { hasText: '退回' }).click()
  await dpclerk.getByLabel('退回理由').fill('送错单位，由区政府统一签收')
  await dpclerk.locator('form').getByRole('button', { name: '退回' }).click()
  await expect(dpclerk.getByTestId('returned')).toContainText('送错单位，由区政府统一签收')

  // 待签收 shows the sealed PDF before signing for it; it verifies as the city office's seal.
  await dpclerk.goto('/documents?box=receive')
  await dpclerk.getByRole('link', { name: new RegExp(`${titleRe}.*→ 东平区人民政府`) }).click()
  const offered = await dpclerk.request.get((await dpclerk.getByTestId('received-pdf').getAttribute('href'))!)
  expect(offered.ok()).toBeTruthy()
  expect(offered.headers()['content-type']).toBe('application/pdf')
  await dpclerk.getByRole('button', { name: '签收' }).click()
  await expect(dpclerk).toHaveURL(/\/documents\/[0-9a-f-]{36}$/)
  const incoming = dpclerk.url()
  await clerk.reload()
  await expect(clerk.getByTestId('distributions').getByRole('listitem').filter({ hasText: '东平区人民政府' })).toContainText('已签收')
  await expect(clerk.getByTestId('distributions').getByRole('listitem').filter({ hasText: '区教育局' })).toContainText('已退回')
  await expect(clerk.getByTestId('distributions').getByRole('listitem').filter({ hasText: '区教育局' })).toContainText('送错单位，由区政府统一签收')

  // The incoming document is the sealed PDF as received: shown, verifiable, byte for byte the sender's.
  await expect(step(dpclerk)).toHaveText('待登记')
  await expect(dpclerk.locator('dt', { hasText: '来文单位' })).toBeVisible()
  await expect(dpclerk.locator('dt', { hasText: '拟稿人' })).toHaveCount(0)
  const received = await dpclerk.request.get((await dpclerk.getByTestId('received-pdf').getAttribute('href'))!)
  expect(Buffer.from(await received.body()).equals(Buffer.from(await sealedPdf.body()))).toBe(true)
  await verifier.goto('/verify')
  await verifier.locator('input[type="file"]').setInputFiles({ name: 'received.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await received.body()) })
  await verifier.getByRole('button', { name: '验证' }).click()
  await expect(verifier.getByTestId('verdict')).toContainText('泰和市人民政府办公室')
  // Its text is read-only: no editing toolbar, no upload.
  await expect(dpclerk.getByTestId('received-hint')).toBeVisible()
  await expect.poll(() => bodyText(dpclerk)).toContain('逾期未报的，予以通报。')
  await expect(dpclerk.getByRole('toolbar')).toHaveCount(0)
  await expect(dpclerk.locator('input[type="file"]')).toHaveCount(0)

  // Registered as incoming, with the sender's number; first check, which shows where it goes next.
  await expect(dpclerk.getByLabel('来文字号')).toHaveValue(number)
  await dpclerk.getByRole('button', { name: '登记并开始办理' }).click()
  await expect(step(dpclerk)).toHaveText('初审')
  await expect(dpclerk.getByTestId('next-step')).toContainText(/拟办：.*马强/)
  await act(dpclerk)
  await expect(step(dpclerk)).toHaveText('拟办')

  // 拟办 by the office head (the organisation's own head is its 区长, who instructs).
  const dphead = await personPage(browser, testInfo, 'dphead')
  await dphead.goto(incoming)
  await expect(dphead.getByTestId('received-pdf')).toBeVisible()
  await expect(dphead.getByTestId('next-step')).toContainText(/批办：.*郭立新/)
  await act(dphead, '拟请区应急管理局牵头落实，请区长批示。')
  const dpleader = await personPage(browser, testInfo, 'dpleader', 'phone')
  await dpleader.goto(incoming)
  await dpleader.getByLabel('办理意见').fill('请区应急局抓好落实，确保安全。')
  await dpleader.getByRole('checkbox', { name: '区应急管理局' }).check()
  await dpleader.getByTestId('act').click()
  await expect(step(dpleader)).toHaveText('承办')

  const dpemhead = await personPage(browser, testInfo, 'dpemhead')
  await dpemhead.goto(incoming)
  await dpemhead.getByLabel('办理意见').fill('已部署全区开展检查。')
  await dpemhead.getByRole('searchbox', { name: /选择传阅人员/ }).fill('林晓')
  await dpemhead.getByRole('button', { name: /林晓/ }).click()
  await dpemhead.getByTestId('act').click()
  await expect(step(dpemhead)).toHaveText('传阅')

  await dpclerk.reload()
  await expect(dpclerk.getByText('林晓 · 未阅')).toBeVisible()
  await dpclerk.getByTestId('act').click()
  await expect(dpclerk.getByText('林晓 · 已阅')).toBeVisible()
  await expect(step(dpclerk)).toHaveText('办结')
  await act(dpclerk)
  await expect(step(dpclerk)).toHaveText('归档')
  await act(dpclerk)
  await expect(step(dpclerk)).toHaveText('已归档')

  // The processing sheet lists the opinions in order.
  await dpclerk.goto(`${incoming}/sheet`)
  const sheet = dpclerk.getByTestId('sheet')
  await expect(sheet).toContainText('拟请区应急管理局牵头落实，请区长批示。')
  await expect(sheet).toContainText('请区应急局抓好落实，确保安全。')
  // Someone off the route gets nothing.
  const outsider = await personPage(browser, testInfo, 'auditor')
  const response = await outsider.goto(incoming)
  expect(response?.status()).toBe(404)
})
