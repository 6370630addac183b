/** Who is asking, from where: passed from the HTTP layer into every operation that audits. */
export type RequestContext = {
  requestId: string
  ip: string | null
  userAgent: string | null
}

export const systemContext: RequestContext = { requestId: 'system', ip: null, userAgent: 'system' }
