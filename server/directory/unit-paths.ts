import type { Tx } from '../core/db/index.ts'

export function childPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`
}

/** Rewrite the materialised paths of a unit and everything under it after a move. */
export async function rewriteSubtreePaths(tx: Tx, oldPath: string, newPath: string, depthDelta: number): Promise<void> {
  await tx.$executeRaw`
    UPDATE "Unit"
       SET path = ${newPath} || substr(path, ${oldPath.length + 1}),
           depth = depth + ${depthDelta},
           "updatedAt" = now()
     WHERE path LIKE ${oldPath.replaceAll('\\', '\\\\').replaceAll('%', '\\%').replaceAll('_', '\\_') + '%'}`
}
