'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../lib/client-api.ts'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'

export type UnitChoice = { id: string; label: string; depth: number }

/** 发起报送: the version, a title, units from the tree (or every unit one level below the organisation), once or on a cycle. */
export function SendForm({ versionId, defaultTitle, units, rootId }: { versionId: string; defaultTitle: string; units: UnitChoice[]; rootId: string }) {
  const t = useTranslations('reporting')
  const router = useRouter()
  const [cycle, setCycle] = useState('ONCE')
  const [allBelow, setAllBelow] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    setBusy(true)
    const result = await api<{ collectionId: string }>('/api/reporting/collections', {
      json: {
        versionId, title: String(form.get('title') ?? '').trim(), cycle, unitIds: form.getAll('unitIds').map(String),
        ...(allBelow ? { below: { unitId: rootId, depth: 1 } } : {}),
        ...(cycle === 'ONCE' ? { deadline: String(form.get('deadline') ?? '') } : { deadlineDays: Number(form.get('deadlineDays') ?? 5) }),
      },
    })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    router.push(`/reporting/collections/${result.data.collectionId}`)
  }
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} data-testid="send-form">
      <ErrorAlert error={error} />
      <label>{t('collectionTitle')}<input name="title" defaultValue={defaultTitle} maxLength={120} required /></label>
      <div className="form-grid">
        <label>{t('cycle')}<select value={cycle} onChange={(e) => setCycle(e.target.value)} data-testid="cycle">{(['ONCE', 'WEEKLY', 'MONTHLY', 'QUARTERLY'] as const).map((c) => <option key={c} value={c}>{t(`cycles.${c}`)}</option>)}</select></label>
        {cycle === 'ONCE'
          ? <label>{t('deadline')}<input type="date" name="deadline" required data-testid="deadline" /></label>
          : <label>{t('deadlineDays')}<input type="number" name="deadlineDays" min={0} max={60} defaultValue={5} data-testid="deadline-days" /></label>}
      </div>
      <fieldset className="stack">
        <legend>{t('units')}</legend>
        <label className="check"><input type="checkbox" checked={allBelow} onChange={(e) => setAllBelow(e.target.checked)} />{t('allBelow')}</label>
        <div className="unit-checks" data-testid="unit-checks">
          {units.map((u) => <label key={u.id} className="check" style={{ paddingLeft: (u.depth - 1) * 16 }}><input type="checkbox" name="unitIds" value={u.id} />{u.label}</label>)}
        </div>
      </fieldset>
      <div className="row"><button type="submit" disabled={busy} data-testid="send">{t('send')}</button></div>
    </form>
  )
}
