import Link from 'next/link'
import type { UnitNode } from '@/server/directory/index.ts'

/** The unit tree as nested lists of links; `hrefFor` decides where a unit leads. */
export function UnitTree({ nodes, selectedId, hrefFor, label }: { nodes: UnitNode[]; selectedId?: string; hrefFor: (id: string) => string; label?: string }) {
  return (
    <ul className="tree" aria-label={label}>
      {nodes.map((n) => (
        <li key={n.id}>
          <Link href={hrefFor(n.id)} aria-current={n.id === selectedId ? 'true' : undefined}>
            <span>{n.name}{!n.isActive ? ' ⊘' : ''}</span>
            {n.memberCount > 0 ? <span className="badge gray">{n.memberCount}</span> : null}
          </Link>
          {n.children.length ? <UnitTree nodes={n.children} selectedId={selectedId} hrefFor={hrefFor} /> : null}
        </li>
      ))}
    </ul>
  )
}
