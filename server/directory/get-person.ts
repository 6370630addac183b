import type { Db } from '../core/db/index.ts'
import { notFound } from '../core/errors.ts'
import { isUuid } from '../core/strings.ts'

/** A person's directory card: contact details, posts, units in charge. No credentials. */
export async function getPerson(db: Db, personId: string) {
  if (!isUuid(personId)) throw notFound()
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
