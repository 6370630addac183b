import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { db } from '@/server/core/db/index.ts'
import { bodyTemplates, documentKinds, getDocument } from '@/server/documents/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { DraftForm } from './DraftForm.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('documents'))('new') }
}

export default async function NewDocumentPage({ searchParams }: { searchParams: Promise<{ replyTo?: string }> }) {
  const actor = await requireActor()
  const t = await getTranslations('documents')
  const { replyTo } = await searchParams
  // 拟复文: a reply to an incoming document the person may see starts as a 批复 to its sender.
  const incoming = replyTo ? await getDocument(db(), actor, replyTo).catch(() => null) : null
  const reply = incoming?.direction === 'INCOMING'
    ? { replyToId: incoming.id, kind: 'REPLY', title: `关于${incoming.title.replace(/^关于/, '').replace(/的(请示|报告|函)$/, '')}的批复`, mainRecipients: incoming.senderOrgan ?? '', source: incoming.title }
    : null
  const posts = await db().post.findMany({ where: { personId: actor.personId, unit: { isActive: true } }, select: { unit: { select: { id: true, name: true } }, isPrimary: true }, orderBy: { isPrimary: 'desc' } })
  return (
    <div className="stack">
      <p><Link href="/documents">← {t('back')}</Link></p>
      <h1>{t('new')}</h1>
      <section className="card">
        {posts.length === 0 ? <p className="muted">{t('noUnits')}</p> : <DraftForm kinds={documentKinds} units={posts.map((p) => p.unit)} templates={bodyTemplates.map(({ key, name, kinds }) => ({ key, name, kinds }))} reply={reply} />}
      </section>
    </div>
  )
}
