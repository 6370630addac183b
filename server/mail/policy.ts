import { holdsAnywhere, holdsPlatformWide, unitScopeWhere, type Actor } from '../core/authz/index.ts'
import type { Db, Prisma, Tx } from '../core/db/index.ts'

/**
 * Who sees which mail in the outbox. A mail administrator (mail.manage) sees mail to the people who
 * hold a post in a unit of their scope; mail to nobody on the platform (a bare address) only with a
 * platform-wide grant. What one may not see is neither listed nor counted, and acting on it is
 * "not found".
 */
export const mailPolicy = {
  /** Show the outbox page at all (what it lists is scoped by `visibleWhere`). */
  mayManageAny: (actor: Actor) => holdsAnywhere(actor, 'mail.manage'),

  async visibleWhere(db: Db | Tx, actor: Actor): Promise<Prisma.OutboxMailWhereInput> {
    if (holdsPlatformWide(actor, 'mail.manage')) return {}
    if (!holdsAnywhere(actor, 'mail.manage')) return { id: { in: [] } }
    const people = await db.person.findMany({ where: { posts: { some: { unit: unitScopeWhere(actor, 'mail.manage') } } }, select: { id: true } })
    return { toPersonId: { in: people.map((p) => p.id) } }
  },
}
