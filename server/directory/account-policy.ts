import { hasPermission, type Actor } from '../core/authz/index.ts'
import { directoryPolicy } from './policy.ts'

type Target = { id: string; posts: { unit: { path: string } }[] }

const securesPerson = (actor: Actor, person: Target) => hasPermission(actor, 'security.manage', { unitPaths: person.posts.map((p) => p.unit.path) })

/**
 * Who may act on a person's account (三员分立). Unlocking any account, and resetting the password of a
 * privileged one (holding any administrator permission), is the security administrator's act over the
 * person's unit; the person managers (system administrator) reset ordinary people's passwords in their
 * scope. Nobody does either to their own account.
 */
export const accountPolicy = {
  mayResetPassword: (actor: Actor, person: Target, isPrivileged: boolean) =>
    person.id !== actor.personId && (securesPerson(actor, person) || (!isPrivileged && directoryPolicy.mayManagePerson(actor, person))),
  mayUnlock: (actor: Actor, person: Target) => person.id !== actor.personId && securesPerson(actor, person),
  /** What the person page offers; the operations check the same rules again. */
  accountActions: (actor: Actor, person: Target, isPrivileged: boolean) => ({
    mayResetPassword: accountPolicy.mayResetPassword(actor, person, isPrivileged),
    mayUnlock: accountPolicy.mayUnlock(actor, person),
  }),
}
