import type { WebSocket } from 'ws'
import type { Db } from '../server/core/db/index.ts'
import { clock } from '../server/core/clock.ts'
import type { Logger } from '../server/core/logger.ts'
import type { Right, Ticket } from '../server/realtime-tickets/index.ts'

/**
 * What a person may do with a document now: modules register this (documents: the step the draft is
 * at); without one, a ticket's right stands. `null` closes the person's connections.
 */
export type AccessCheck = (docName: string, personId: string) => Promise<Right | null | undefined>

export const REVOKED = 4403
export const CHANGED = 4401

/** One live connection and the ticket it was opened with. */
export type Watched = { ws: WebSocket; docName: string; ticket: Ticket }

/**
 * The sessions among `sessions` that still last: not signed out (the row exists), of the ticket's
 * person, past the second factor, not expired, the person active. One statement for any number.
 * (The idle timeout is the web app's: typing in the editor makes no requests, so it is not applied here.)
 */
export async function liveSessions(db: Db, sessions: { sessionId: string; personId: string }[]): Promise<Set<string>> {
  if (sessions.length === 0) return new Set()
  const ids = [...new Set(sessions.map((s) => s.sessionId))]
  const rows = await db.$queryRaw<{ id: string; personId: string }[]>`
    SELECT s.id, s."personId"::text AS "personId" FROM "Session" s JOIN "Person" p ON p.id = s."personId"
     WHERE s.id = ANY(${ids}::text[]) AND p."isActive" AND NOT s."isSecondFactorPending" AND s."expiresAt" > ${clock.now()}`
  const owner = new Map(rows.map((r) => [r.id, r.personId]))
  return new Set(sessions.filter((s) => owner.get(s.sessionId) === s.personId).map((s) => s.sessionId))
}

const keyOf = (docName: string, personId: string) => `${personId}\n${docName}`

/**
 * Re-checks live connections against sessions and access, by one scheduler that never overlaps
 * itself. Sessions are checked for every connection every `intervalMs` (one statement for all: a
 * session expiring sends no NOTIFY). The access check, which reads the document, runs once per
 * (document, person) however many connections share it, and only when something changed: at once for
 * people named by `checkPeople` (the database's NOTIFY when a session ends, a person is deactivated, a
 * grant, post or delegation changes) and for documents named by `checkDocuments` (NOTIFY when a
 * document moves: a step passes, co-drafters change); every connection's access is re-checked only
 * every `accessIntervalMs` as the backstop (a delegation's window ending by time alone). So the
 * database work grows with changes, not with connections. A request made while a round runs waits
 * for the next one, merged with any others.
 */
export class AccessWatch {
  private readonly byKey = new Map<string, Set<Watched>>()
  private pendingAll = false
  private pendingSessions = false
  private readonly pendingPeople = new Set<string>()
  private readonly pendingDocs = new Set<string>()
  private running: Promise<void> | undefined
  private readonly timers: NodeJS.Timeout[]
  private isClosed = false
  /** Rounds run and access checks asked (tests, bench). */
  readonly stats = { rounds: 0, accessChecks: 0, overlapping: 0 }
  private inRound = 0

  constructor(private readonly options: { db: Db; access?: AccessCheck; intervalMs: number; accessIntervalMs?: number; log: Logger; concurrency?: number }) {
    this.timers = [
      setInterval(() => this.checkSessions(), options.intervalMs),
      setInterval(() => this.checkAll(), options.accessIntervalMs ?? Math.max(options.intervalMs, 30_000)),
    ]
    for (const t of this.timers) t.unref()
  }

  get size(): number {
    let n = 0
    for (const set of this.byKey.values()) n += set.size
    return n
  }

  add(watched: Watched): void {
    const key = keyOf(watched.docName, watched.ticket.personId)
    let set = this.byKey.get(key)
    if (!set) this.byKey.set(key, (set = new Set()))
    set.add(watched)
  }

  remove(watched: Watched): void {
    const key = keyOf(watched.docName, watched.ticket.personId)
    const set = this.byKey.get(key)
    if (!set) return
    set.delete(watched)
    if (set.size === 0) this.byKey.delete(key)
  }

  /** What the access check says now; `undefined` from it (a document it does not own): the ticket's right. */
  async accessRight(docName: string, personId: string): Promise<Right | null | undefined> {
    if (!this.options.access) return undefined
    this.stats.accessChecks++
    return this.options.access(docName, personId)
  }

  /** Sessions and access of every connection (the backstop; and after LISTEN was away). */
  checkAll(): void {
    this.pendingAll = true
    this.pump()
  }

  /** Sessions only, of every connection: one statement. */
  checkSessions(): void {
    this.pendingSessions = true
    this.pump()
  }

  checkPeople(personIds: Iterable<string>): void {
    for (const id of personIds) this.pendingPeople.add(id)
    this.pump()
  }

  checkDocuments(docNames: Iterable<string>): void {
    for (const name of docNames) this.pendingDocs.add(name)
    this.pump()
  }

  /** Resolves once no round is running or waiting (tests, bench). */
  async settled(): Promise<void> {
    while (this.running) await this.running
  }

  close(): void {
    this.isClosed = true
    for (const t of this.timers) clearInterval(t)
  }

  private pump(): void {
    if (this.running || this.isClosed) return
    this.running = (async () => {
      while (!this.isClosed && (this.pendingAll || this.pendingSessions || this.pendingPeople.size > 0 || this.pendingDocs.size > 0)) {
        const all = this.pendingAll
        const people = new Set(this.pendingPeople)
        const docs = new Set(this.pendingDocs)
        // Sessions-only rounds cover every connection; a full round includes them.
        const sessionsOnly = !all && people.size === 0 && docs.size === 0
        if (all || sessionsOnly) this.pendingSessions = false
        this.pendingAll = false
        this.pendingPeople.clear()
        this.pendingDocs.clear()
        const which = all || sessionsOnly ? undefined : (w: Watched) => people.has(w.ticket.personId) || docs.has(w.docName)
        await this.round(which, !sessionsOnly).catch((error: unknown) => this.options.log.warn({ err: error }, 'access re-check failed'))
      }
    })().finally(() => {
      this.running = undefined
    })
  }

  /** One round over every connection, or those `which` picks; the access check too when `withAccess`. */
  private async round(which: ((w: Watched) => boolean) | undefined, withAccess: boolean): Promise<void> {
    if (++this.inRound > 1) this.stats.overlapping++
    this.stats.rounds++
    try {
      const groups = [...this.byKey.values()].filter((set) => !which || which(set.values().next().value!)).map((set) => [...set])
      if (groups.length === 0) return
      const live = await liveSessions(this.options.db, groups.flat().map((w) => w.ticket))
      const toCheck: Watched[][] = []
      for (const group of groups) {
        const remaining = group.filter((w) => {
          if (live.has(w.ticket.sessionId)) return true
          this.revoke(w, REVOKED, 'session ended')
          return false
        })
        if (remaining.length) toCheck.push(remaining)
      }
      if (!withAccess) return
      // The access check reads the database: a few at a time, not a thousand queries at once.
      let next = 0
      const worker = async () => {
        while (next < toCheck.length) {
          const group = toCheck[next++]!
          const { docName, ticket } = group[0]!
          const right = await this.accessRight(docName, ticket.personId)
          for (const w of group) this.apply(w, right === undefined ? w.ticket.right : right)
        }
      }
      await Promise.all(Array.from({ length: Math.min(this.options.concurrency ?? 4, toCheck.length) }, worker))
    } finally {
      this.inRound--
    }
  }

  private apply(w: Watched, right: Right | null): void {
    if (w.ws.readyState !== w.ws.OPEN) return
    if (right === null) return this.revoke(w, REVOKED, 'access revoked')
    if (right !== w.ticket.right) {
      // The document moved on (a step passed, or reached this person): edits from now follow the new
      // right, and the client is asked to reconnect so that it takes a ticket with it (4401).
      this.options.log.info({ doc: w.docName, personId: w.ticket.personId, right }, 'access changed; asking the client to reconnect')
      if (right === 'read') w.ticket.right = 'read'
      this.remove(w)
      w.ws.close(CHANGED, 'access changed')
    }
  }

  private revoke(w: Watched, code: number, reason: string): void {
    this.options.log.info({ doc: w.docName, personId: w.ticket.personId, reason }, 'closing the connection')
    this.remove(w)
    if (w.ws.readyState === w.ws.OPEN || w.ws.readyState === w.ws.CONNECTING) w.ws.close(code, reason)
  }
}
