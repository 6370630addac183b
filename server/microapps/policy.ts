import { hasPermission, holdsAnywhere, holdsPlatformWide, type Actor } from '../core/authz/index.ts'

/**
 * Micro-apps: a unit's administrators (app.manage over the unit) submit its apps and install apps for
 * it; the platform administrator (app.review over the whole platform) reviews submissions. Using an
 * app is being in an installing unit (and, if the install names roles, holding one of them).
 */
export const microappPolicy = {
  mayReview: (actor: Actor) => holdsPlatformWide(actor, 'app.review'),
  mayManageIn: (actor: Actor, unit: { path: string }) => hasPermission(actor, 'app.manage', { unitPath: unit.path }),
  mayManageAny: (actor: Actor) => holdsAnywhere(actor, 'app.manage'),
}
