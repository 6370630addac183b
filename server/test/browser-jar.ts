/**
 * A tiny browser for HTTP-level tests: follows redirects one at a time and keeps cookies by name and
 * path, as a browser would for the provider's path-scoped interaction cookies.
 */
type Cookie = { name: string; value: string; path: string }

export class BrowserJar {
  private cookies: Cookie[] = []

  set(name: string, value: string, path = '/') {
    this.cookies = this.cookies.filter((c) => !(c.name === name && c.path === path))
    this.cookies.push({ name, value, path })
  }

  header(url: URL): string {
    return this.cookies.filter((c) => url.pathname.startsWith(c.path)).map((c) => `${c.name}=${c.value}`).join('; ')
  }

  private take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';')
      const [name, ...v] = pair!.trim().split('=')
      const path = attrs.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/'
      const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()))
      this.cookies = this.cookies.filter((c) => !(c.name === name && c.path === path))
      if (!expired) this.cookies.push({ name: name!, value: v.join('='), path })
    }
  }

  /** One request; redirects are not followed. */
  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const u = new URL(url)
    const headers = new Headers(init.headers)
    const cookie = this.header(u)
    if (cookie) headers.set('cookie', cookie)
    const response = await fetch(u, { ...init, headers, redirect: 'manual' })
    this.take(response)
    return response
  }

  /** Follows redirects until a page answers or `stopAt` matches the next location (returned unvisited). */
  async follow(url: string | URL, stopAt?: (location: URL) => boolean, init: RequestInit = {}): Promise<{ url: URL; response?: Response }> {
    let current = new URL(url)
    let options = init
    for (let hops = 0; hops < 20; hops++) {
      const response = await this.fetch(current, options)
      const location = response.headers.get('location')
      if (response.status < 300 || response.status >= 400 || !location) return { url: current, response }
      await response.arrayBuffer()
      current = new URL(location, current)
      options = {}
      if (stopAt?.(current)) return { url: current }
    }
    throw new Error('too many redirects')
  }
}
