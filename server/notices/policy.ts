import { hasPermission, type Actor } from '../core/authz/index.ts'

export const noticePolicy = {
  maySend: (actor: Actor) => hasPermission(actor, 'notice.send'),
  /** A unit (and everything under it) may be addressed where the sender holds notice.send. */
  mayAddressUnit: (actor: Actor, unit: { path: string }) => hasPermission(actor, 'notice.send', { unitPath: unit.path }),
  mayAddressPerson: (actor: Actor, person: { unitPaths: string[] }) => hasPermission(actor, 'notice.send', { unitPaths: person.unitPaths }),
  /** Receipts (who read it, who did not) and re-pings belong to the sender. */
  mayFollowUp: (actor: Actor, notice: { senderId: string }) => notice.senderId === actor.personId,
}
