import type { Permission } from './permissions.ts'
import { AppError } from '../errors.ts'

export type Grant = {
  permissions: readonly string[]
  /** Materialised path of the scope unit ("/root/…/unit/"). */
  scopePath: string
  includesSubunits: boolean
}

/** The signed-in person as the policy layer sees them. */
export type Actor = {
  personId: string
  name: string
  account: string
  sessionId: string
  grants: Grant[]
}

/** A target's unit, by materialised path; omit for permissions that are not unit-scoped. */
export type Scope = { unitPath: string } | { unitPaths: string[] } | undefined

function grantCovers(grant: Grant, unitPath: string): boolean {
  return grant.includesSubunits ? unitPath.startsWith(grant.scopePath) : unitPath === grant.scopePath
}

/**
 * Does the actor hold `permission` for the scope? With no scope: held anywhere. With several unit
 * paths (a person with several posts): held over at least one of them.
 */
export function hasPermission(actor: Actor, permission: Permission, scope?: Scope): boolean {
  const grants = actor.grants.filter((g) => g.permissions.includes(permission))
  if (!scope) return grants.length > 0
  const paths = 'unitPath' in scope ? [scope.unitPath] : scope.unitPaths
  return grants.some((g) => paths.some((p) => grantCovers(g, p)))
}

export function assertPermission(actor: Actor, permission: Permission, scope?: Scope): void {
  if (!hasPermission(actor, permission, scope)) throw new AppError('forbidden', {}, { permission })
}
