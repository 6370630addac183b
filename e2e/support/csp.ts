import { expect, test as base, type BrowserContext } from '@playwright/test'

/**
 * Fails a test whose pages broke the Content-Security-Policy (proxy.ts): Chromium reports a refused
 * script, style, socket or frame on the console, and the page's `securitypolicyviolation` events are
 * echoed there too. The default context is watched by itself; contexts a test makes (personPage) are
 * watched through `watchCsp`.
 */
let seen: string[] = []

export function watchCsp(context: BrowserContext): void {
  void context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`)
    })
  })
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(`${message.location().url}: ${message.text()}`)
  })
}

export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [async ({ context }, use) => {
    seen = []
    watchCsp(context)
    await use()
    expect(seen, 'Content-Security-Policy violations').toEqual([])
  }, { auto: true }],
})

export { expect }
