/**
 * A bare HTTP server with one authenticated read-by-id route implemented twice: through our Prisma
 * modules (/prisma/:id) and through raw `pg` doing the same two queries (/pg/:id). Both check the
 * session cookie and read one person by id, so the difference is the data layer alone.
 */
import http from 'node:http'
import { createHash } from 'node:crypto'
import pg from 'pg'
import { db } from '../../server/core/db/index.ts'
import { resolveSession } from '../../server/auth/index.ts'

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
const select = { id: true, account: true, name: true, phone: true, email: true, isActive: true } as const

function token(req: http.IncomingMessage): string | undefined {
  return /(?:^|; )xt_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1]
}

async function viaPrisma(id: string, req: http.IncomingMessage) {
  const session = await resolveSession(db(), token(req))
  if (!session) return null
  return db().person.findUnique({ where: { id }, select })
}

async function viaPg(id: string, req: http.IncomingMessage) {
  const t = token(req)
  if (!t) return null
  const s = await pool.query(
    `SELECT s.id, s."lastSeenAt", s."expiresAt", p."isActive" FROM "Session" s JOIN "Person" p ON p.id = s."personId" WHERE s.id = $1`,
    [createHash('sha256').update(t).digest('hex')],
  )
  const row = s.rows[0]
  if (!row || !row.isActive || row.expiresAt < new Date()) return null
  const r = await pool.query('SELECT id, account, name, phone, email, "isActive" FROM "Person" WHERE id = $1', [id])
  return r.rows[0] ?? null
}

http.createServer(async (req, res) => {
  const [, kind, id] = (req.url ?? '').split('/')
  try {
    const person = kind === 'prisma' ? await viaPrisma(id!, req) : await viaPg(id!, req)
    res.writeHead(person ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify(person ? { person } : { error: 'auth' }))
  } catch (error) {
    res.writeHead(500).end(String(error))
  }
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'))
