import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { documentKinds, documentPolicy } from '@/server/documents/index.ts'
import { listUnitTree } from '@/server/directory/index.ts'
import { requireActor } from '../../../../lib/session.ts'
import { Forbidden } from '../../../../components/Forbidden.tsx'
import { IncomingForm } from './IncomingForm.tsx'

export default async function NewIncomingPage() {
  const actor = await requireActor()
  const t = await getTranslations('documents')
  if (!documentPolicy.isRegistryAnywhere(actor)) return <Forbidden />
  const units: { id: string; name: string; depth: number }[] = []
  // A document registered for a unit becomes its organisation's (the nearest unit with an organ
  // code): offered are the units whose organisation the actor is registry staff of.
  const walk = (nodes: Awaited<ReturnType<typeof listUnitTree>>, organ: { path: string } | null) => {
    for (const n of nodes) {
      const own = n.organCode ? n : organ
      if (own && documentPolicy.isRegistry(actor, own)) units.push({ id: n.id, name: n.name, depth: n.depth })
      walk(n.children, own)
    }
  }
  walk(await listUnitTree(db()), null)
  return (
    <div className="stack">
      <p><Link href="/documents">← {t('back')}</Link></p>
      <h1>{t('newIncoming')}</h1>
      <section className="card"><IncomingForm kinds={documentKinds} units={units} /></section>
    </div>
  )
}
