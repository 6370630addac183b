import { getFormatter, getTranslations } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { MIN_RETENTION_DAYS, MAX_RETENTION_DAYS, RETENTION_KINDS, mayManageRetention, messagingRetention } from '@/server/messaging/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { Forbidden } from '../../../components/Forbidden.tsx'
import { RetentionForm } from './RetentionForm.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('messaging.retentionPage'))('title') }
}

/** 聊天记录保存期限: the security administrator sets, per kind of conversation, how long messages are kept. */
export default async function MessageRetentionPage() {
  const actor = await requireActor()
  if (!mayManageRetention(actor)) return <Forbidden />
  const t = await getTranslations('messaging.retentionPage')
  const tKinds = await getTranslations('messaging.kinds')
  const format = await getFormatter()
  const setting = await messagingRetention(db())
  return (
    <div className="stack">
      <h1>{t('title')}</h1>
      <p className="muted">{t('hint')}</p>
      <p className="small muted">{setting.updatedAt && setting.saved ? t('lastChanged', { at: format.dateTime(setting.updatedAt, { dateStyle: 'medium', timeStyle: 'short' }) }) : t('neverChanged')}</p>
      <RetentionForm
        revision={setting.revision}
        min={MIN_RETENTION_DAYS}
        max={MAX_RETENTION_DAYS}
        kinds={RETENTION_KINDS.map((kind) => ({ kind, label: tKinds(kind), days: setting.days[kind] }))}
      />
    </div>
  )
}
