import type { Db, Tx } from '../core/db/index.ts'
import { clock } from '../core/clock.ts'
import { config } from '../core/config.ts'
import { AppError } from '../core/errors.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { assertPasswordRules, hashPassword, verifyPassword } from './password.ts'
import { countAccountAttempt, recordAccountSuccess } from './attempts.ts'

/** Store a new password: checks reuse against the history, records it, ends the person's other sessions. */
export async function storePassword(
  tx: Tx,
  person: { id: string; account: string; phone: string | null; passwordHash: string | null },
  password: string,
  options: { mustChange: boolean; keepSessionId?: string },
): Promise<void> {
  assertPasswordRules(password, person)
  const history = await tx.passwordHistory.findMany({
    where: { personId: person.id },
    orderBy: { createdAt: 'desc' },
    take: Math.max(config().PASSWORD_HISTORY - 1, 0),
    select: { hash: true },
  })
  const previous = [person.passwordHash, ...history.map((h) => h.hash)].filter((h): h is string => !!h)
  for (const h of previous) {
    if (await verifyPassword(h, password)) throw new AppError('password.reused', { count: config().PASSWORD_HISTORY })
  }
  const passwordHash = await hashPassword(password)
  const now = clock.now()
  await tx.person.update({
    where: { id: person.id },
    data: { passwordHash, passwordChangedAt: now, mustChangePassword: options.mustChange, failedSignInCount: 0, lockedUntil: null },
  })
  // The history keeps the passwords that were replaced; with the current one they make the reuse window.
  if (person.passwordHash) await tx.passwordHistory.create({ data: { personId: person.id, hash: person.passwordHash, createdAt: now } })
  await tx.session.deleteMany({ where: { personId: person.id, ...(options.keepSessionId ? { id: { not: options.keepSessionId } } : {}) } })
}

export async function changePassword(
  db: Db,
  session: { id: string; personId: string },
  input: { currentPassword: string; newPassword: string },
  context: RequestContext,
): Promise<void> {
  const person = await db.person.findUniqueOrThrow({
    where: { id: session.personId },
    select: { id: true, name: true, account: true, phone: true, passwordHash: true },
  })
  // The current password is a secret like any other: counted before it is checked, towards the lockout.
  const attempt = await countAccountAttempt(db, person.id, context.ip)
  if (!attempt.isAllowed || !(await verifyPassword(person.passwordHash, input.currentPassword))) {
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actor: { personId: person.id, name: person.name }, action: 'auth.password_changed', objectType: 'Person', objectId: person.id,
        outcome: attempt.isAllowed ? 'FAILURE' : 'DENIED', details: { reason: 'wrong_current', attempts: attempt.attempts, lockedUntil: attempt.lockedUntil }, context,
      }),
    )
    if (attempt.lockedUntil) throw new AppError('auth.account_locked', { until: attempt.lockedUntil })
    throw new AppError('password.wrong_current')
  }
  // The current password was right, whether or not the new one passes the rules.
  await recordAccountSuccess(db, person.id, context.ip)
  await db.$transaction(async (tx) => {
    await storePassword(tx, person, input.newPassword, { mustChange: false, keepSessionId: session.id })
    await recordAudit(tx, { actor: { personId: person.id, name: person.name }, action: 'auth.password_changed', objectType: 'Person', objectId: person.id, context })
  })
}
