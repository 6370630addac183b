import { hasPermission, holdsPlatformWide, type Actor } from '../core/authz/index.ts'

/** Who may do what in the directory. Reading the directory is open to every signed-in person. */
export const directoryPolicy = {
  mayManageUnit: (actor: Actor, unit: { path: string }) => hasPermission(actor, 'unit.manage', { unitPath: unit.path }),
  mayManagePerson: (actor: Actor, person: { posts: { unit: { path: string } }[] }) =>
    hasPermission(actor, 'person.manage', { unitPaths: person.posts.map((p) => p.unit.path) }),
  mayManagePeopleIn: (actor: Actor, unit: { path: string }) => hasPermission(actor, 'person.manage', { unitPath: unit.path }),
  mayImport: (actor: Actor, unitPath: string) => hasPermission(actor, 'directory.import', { unitPath }),
  mayImportAnywhere: (actor: Actor) => hasPermission(actor, 'directory.import'),
  /**
   * An import replaces a person's posts and charges and overwrites their name, phone and email: so an
   * existing person is the importer's only if every unit they hold a post in or are in charge of is
   * in the importer's scope (someone with neither: only a platform-wide import grant).
   */
  mayImportPerson: (actor: Actor, person: { unitPaths: string[] }) =>
    person.unitPaths.length === 0
      ? holdsPlatformWide(actor, 'directory.import')
      : person.unitPaths.every((unitPath) => hasPermission(actor, 'directory.import', { unitPath })),
  mayExport: (actor: Actor) => hasPermission(actor, 'directory.export'),
  /** Shown an admin entry at all. */
  mayAdminister: (actor: Actor) =>
    hasPermission(actor, 'unit.manage') || hasPermission(actor, 'person.manage') || hasPermission(actor, 'directory.import'),
}
