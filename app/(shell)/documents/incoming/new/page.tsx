import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { hasPermission } from '@/server/core/authz/index.ts'
import { documentKinds } from '@/server/documents/index.ts'
import { listUnitTree } from '@/server/directory/index.ts'
import { requireActor } from '../../../../lib/session.ts'
import { Forbidden } from '../../../../components/Forbidden.tsx'
import { IncomingForm } from './IncomingForm.tsx'

export default async function NewIncomingPage() {
  const actor = await requireActor()
  const t = await getTranslations('documents')
  if (!hasPermission(actor, 'document.register')) return <Forbidden />
  const units: { id: string; name: string; depth: number }[] = []
  const walk = (nodes: Awaited<ReturnType<typeof listUnitTree>>) => {
    for (const n of nodes) {
      if (hasPermission(actor, 'document.register', { unitPath: n.path })) units.push({ id: n.id, name: n.name, depth: n.depth })
      walk(n.children)
    }
  }
  walk(await listUnitTree(db()))
  return (
    <div className="stack">
      <p><Link href="/documents">← {t('back')}</Link></p>
      <h1>{t('newIncoming')}</h1>
      <section className="card"><IncomingForm kinds={documentKinds} units={units} /></section>
    </div>
  )
}
