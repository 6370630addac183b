import pg from 'pg'
import { appendParameters, refusedIndexes, APPEND_UPDATES, type NewUpdate } from '../server/coediting/index.ts'
import type { Logger } from '../server/core/logger.ts'

/**
 * The connection the server stores updates through: one plain `pg` connection, since group commit
 * writes one batch at a time. Every fan-out waits for its update's batch to commit, so the ORM's
 * per-query work (about a millisecond of this thread per batch) sat in every forwarded edit.
 * The statement is prepared once per connection (named): parsing and planning it for every batch cost
 * PostgreSQL about a third of its CPU per commit (208 → 132 µs, one-row batches; 7.1 → 4.8 s of
 * PostgreSQL CPU in a 40 s fan-out bench). The connection opens on first use; if it breaks, the batch
 * fails (its connections are closed and their clients send again) and the next batch opens a new one,
 * which prepares the statement again.
 */
export class AppendConnection {
  private client: Promise<pg.Client> | null = null

  /**
   * `timeoutMs`: how long one batch may take (statement_timeout, and the client's own wait beyond it
   * for a connection that stops answering). One hung append otherwise stalls every document's edits
   * behind it; this way it fails that batch (its connections close and send again) and the next one runs.
   */
  constructor(private readonly databaseUrl: string, private readonly log: Logger, private readonly timeoutMs = 5000) {}

  /** Stores the rows (one statement, one commit); answers the indexes of those refused (session ended). */
  async append(rows: NewUpdate[]): Promise<number[]> {
    if (rows.length === 0) return []
    const client = await (this.client ??= this.connect())
    const result = await client.query<{ position: string }>({ name: 'xietong-append-updates', text: APPEND_UPDATES, values: appendParameters(rows) })
    return refusedIndexes(result.rows)
  }

  private connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.databaseUrl, application_name: 'xietong-realtime-append',
      statement_timeout: this.timeoutMs, query_timeout: this.timeoutMs + 1000, connectionTimeoutMillis: this.timeoutMs,
    })
    const forget = () => {
      if (this.client === opened) this.client = null
    }
    client.on('error', (error) => {
      this.log.warn({ err: error }, 'the connection storing updates broke; the next batch opens a new one')
      forget()
    })
    client.on('end', forget)
    const opened = client.connect().then(() => client)
    opened.catch(forget)
    return opened
  }

  async close(): Promise<void> {
    const client = this.client
    this.client = null
    await (await client?.catch(() => null))?.end()
  }
}
