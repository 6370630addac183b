'use client'
import { useState } from 'react'
import { useTranslations } from 'next-intl'
import { api } from '../../lib/client-api.ts'
import { PeoplePicker, type PickedPerson } from '../../components/PeoplePicker.tsx'

/** 发起群聊: a name and the first members; the creator owns the group. */
export function NewTopic({ onCreated, onCancel }: { onCreated: (id: string) => void; onCancel: () => void }) {
  const t = useTranslations('messaging')
  const [title, setTitle] = useState('')
  const [people, setPeople] = useState<PickedPerson[]>([])
  const [error, setError] = useState('')
  async function create(event: React.FormEvent) {
    event.preventDefault()
    const result = await api<{ id: string }>('/api/messaging/topics', { json: { title, memberIds: people.map((p) => p.id) } })
    if (result.ok) onCreated(result.data.id)
    else setError(result.error.message)
  }
  return (
    <form className="stack new-topic" onSubmit={create}>
      <label>{t('topicTitle')}<input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={60} /></label>
      <PeoplePicker value={people} onChange={setPeople} label={t('topicMembers')} placeholder={t('searchPeople')} removeLabel={t('removeMember')} />
      {error ? <p className="alert error" role="alert">{error}</p> : null}
      <div className="row"><button type="submit">{t('create')}</button><button type="button" className="secondary" onClick={onCancel}>{t('cancel')}</button></div>
    </form>
  )
}
