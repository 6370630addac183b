import type { Db } from '../core/db/index.ts'
import { notFound } from '../core/errors.ts'

/** A person's directory card: contact details, posts, units in charge. No credentials. */
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export async function getPerson(db: Db, personId: string) {
  if (!UUID_RE.test(personId)) throw notFound()
  const person = await db.person.findUnique({
    where: { id: personId },
    select: {
      id: true, account: true, name: true, namePinyin: true, phone: true, email: true, isActive: true,
      totpEnabledAt: true, lockedUntil: true, passwordHash: true, mustChangePassword: true,
      posts: {
        orderBy: [{ isPrimary: 'desc' }, { sortOrder: 'asc' }],
        select: { id: true, title: true, leaderRank: true, isPrimary: true, unit: { select: { id: true, name: true, path: true } } },
      },
      leaderCharges: { select: { unit: { select: { id: true, name: true, path: true } } } },
    },
  })
  if (!person) throw notFound()
  const { passwordHash, ...rest } = person
  return { ...rest, hasPassword: passwordHash !== null }
}

export type PersonCard = Awaited<ReturnType<typeof getPerson>>
