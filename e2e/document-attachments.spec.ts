import { expect, test } from '@playwright/test'
import { PDFDocument } from 'pdf-lib'
import { personPage } from './support/people.ts'
import { createDraft } from './support/helpers.ts'

/** A real one-page PDF: attachments are parsed at upload, so a file that only starts with %PDF- is refused. */
async function onePagePdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create()
  pdf.addPage([595, 842])
  return Buffer.from(await pdf.save())
}

/**
 * A drafter attaches a file and writes a word only the body has; after submission, the reviewer on the
 * route finds the document by that word and downloads the file under its Chinese name, while a
 * registry clerk of another organisation finds nothing, and gets "not found" for the page and the file.
 */
test('attachments and body search reach the route and nobody else', async ({ browser }, testInfo) => {
  test.setTimeout(120_000)
  const tag = `${testInfo.project.name}${Date.now() % 100000}`
  const title = `关于报送冬季安全检查材料的通知（${tag}）`
  const word = `鹭岛走廊${tag}`

  const drafter = await personPage(browser, testInfo, 'drafter2')
  await createDraft(drafter, title)
  const url = drafter.url()
  await expect(drafter.getByTestId('editor-status')).toHaveText('已连接 · 已保存')
  await drafter.getByTestId('doc-body').click()
  await drafter.keyboard.insertText(`请结合${word}建设，报送检查材料。`)
  await expect(drafter.getByTestId('editor-status')).toHaveText('已连接 · 已保存')

  const attachments = drafter.getByTestId('attachments')
  await attachments.getByLabel('上传附件').setInputFiles({ name: '检查表.pdf', mimeType: 'application/pdf', buffer: await onePagePdf() })
  const link = attachments.getByRole('link', { name: '检查表.pdf' })
  await expect(link).toBeVisible()
  const href = (await link.getAttribute('href'))!
  // A file that is not what its name says is refused with a clear message.
  await attachments.getByLabel('上传附件').setInputFiles({ name: '说明.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html></html>') })
  await expect(attachments.getByRole('alert')).toContainText('内容与文件类型不符')
  // A file that only starts like a PDF is refused at upload, so the document's PDF never breaks on it.
  await attachments.getByLabel('上传附件').setInputFiles({ name: '半截.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF\n') })
  await expect(attachments.getByRole('alert')).toContainText('半截.pdf')
  await expect(attachments.getByRole('link', { name: '半截.pdf' })).toHaveCount(0)
  await drafter.getByTestId('submit-draft').click()
  await drafter.getByRole('dialog').getByTestId('confirm-action').click()
  await expect(drafter.getByTestId('document-step')).toHaveText('核稿')

  // The reviewer is on the route: finds it by the body's word, downloads the file.
  const head = await personPage(browser, testInfo, 'head')
  await head.goto(`/documents?box=all&q=${encodeURIComponent(word)}`)
  await expect(head.getByRole('link', { name: title })).toBeVisible()
  const download = await head.request.get(href)
  expect(download.status()).toBe(200)
  expect(download.headers()['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('检查表.pdf')}`)
  expect((await download.body()).toString('latin1')).toMatch(/^%PDF-/)

  // Another organisation's registry clerk: nothing, not even a hint.
  const outsider = await personPage(browser, testInfo, 'dpclerk')
  await outsider.goto(`/documents?box=all&q=${encodeURIComponent(word)}`)
  await expect(outsider.getByRole('link', { name: title })).toHaveCount(0)
  expect((await outsider.goto(url))?.status()).toBe(404)
  expect((await outsider.request.get(href)).status()).toBe(404)
})
