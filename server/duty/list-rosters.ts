import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { notFound } from '../core/errors.ts'
import { unitScopeWhere } from '../core/authz/index.ts'
import { dutyPolicy, memberUnitIds } from './policy.ts'

/** The rosters the actor may see, newest period first (managers: drafts too; the upper office: filed ones). */
export async function listRosters(db: Db, actor: Actor, options: { take?: number } = {}) {
  const rows = await db.dutyRoster.findMany({
    where: dutyPolicy.rosterVisibleWhere(actor, await memberUnitIds(db, actor)),
    orderBy: [{ startDate: 'desc' }, { id: 'asc' }],
    take: options.take ?? 100,
    include: { post: { select: { name: true, unit: { select: { id: true, name: true, path: true } } } }, _count: { select: { assignments: { where: { personId: null } } } } },
  })
  return rows.map((r) => ({
    id: r.id, status: r.status, startDate: r.startDate, endDate: r.endDate, publishedAt: r.publishedAt, filedAt: r.filedAt,
    post: r.post.name, unit: r.post.unit.name, unfilled: r._count.assignments, mayManage: dutyPolicy.mayManageUnit(actor, r.post.unit),
  }))
}

/** The posts the actor manages, with their patterns, roles and eligible people. */
export async function listManagedPosts(db: Db, actor: Actor) {
  return db.dutyPost.findMany({
    where: { ...dutyPolicy.managedPostsWhere(actor), isActive: true },
    orderBy: [{ unit: { path: 'asc' } }, { name: 'asc' }],
    take: 200,
    include: { unit: { select: { id: true, name: true } }, shifts: { orderBy: { sortOrder: 'asc' }, include: { roles: { orderBy: { sortOrder: 'asc' }, include: { _count: { select: { eligible: true } } } } } } },
  })
}

/** One managed post for its form, with eligible people by name. */
export async function managedPost(db: Db, actor: Actor, postId: string) {
  const post = await db.dutyPost.findFirst({
    where: { AND: [{ id: postId }, dutyPolicy.managedPostsWhere(actor)] },
    include: { unit: { select: { id: true, name: true } }, shifts: { orderBy: { sortOrder: 'asc' }, include: { roles: { orderBy: { sortOrder: 'asc' }, include: { eligible: { include: { person: { select: { id: true, name: true } } } } } } } } },
  })
  if (!post) throw notFound()
  return post
}

/** Units the actor may set up duty for, and the people in them (for the eligibility pickers). */
export async function managedUnitsAndPeople(db: Db, actor: Actor) {
  const scope = unitScopeWhere(actor, 'duty.manage')
  const [units, people] = await Promise.all([
    db.unit.findMany({ where: { AND: [scope, { isActive: true }] }, orderBy: { path: 'asc' }, select: { id: true, name: true, depth: true }, take: 500 }),
    db.person.findMany({ where: { isActive: true, posts: { some: { unit: scope } } }, orderBy: [{ sortOrder: 'asc' }, { namePinyin: 'asc' }], select: { id: true, name: true, posts: { where: { isPrimary: true }, select: { title: true, unit: { select: { shortName: true } } } } }, take: 2000 }),
  ])
  return { units, people: people.map((p) => ({ id: p.id, name: p.name, title: p.posts[0] ? `${p.posts[0].unit.shortName} ${p.posts[0].title}` : '' })) }
}
