'use client'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

/** Register a seal: unit, name as engraved, drawn or uploaded image. The key pair is made on the server. */
export function NewSealForm({ units }: { units: { id: string; label: string }[] }) {
  const t = useTranslations('seals')
  const router = useRouter()
  const [error, setError] = useState<ApiError | null>(null)
  const [done, setDone] = useState(false)
  const [busy, setBusy] = useState(false)
  const [upload, setUpload] = useState(false)
  // onSubmit, not a form action: React resets a form after its action, which loses the input on an error.
  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const element = event.currentTarget
    const form = new FormData(element)
    if (!upload) form.delete('image')
    setBusy(true)
    const result = await api('/api/admin/seals', { form })
    setBusy(false)
    if (!result.ok) { setDone(false); return setError(result.error) }
    setError(null)
    setDone(true)
    element.reset()
    router.refresh()
  }
  return (
    <form className="stack" onSubmit={(e) => void submit(e)}>
      <ErrorAlert error={error} />
      {done ? <div className="alert success" role="status">{t('created')}</div> : null}
      <div className="form-grid">
        <label>{t('unit')}
          <select name="unitId" required>{units.map((u) => <option key={u.id} value={u.id}>{u.label}</option>)}</select>
        </label>
        <label>{t('name')}
          <input name="name" required minLength={2} maxLength={40} placeholder="泰和市人民政府办公室公文专用章" />
          <span className="small muted">{t('nameHint')}</span>
        </label>
      </div>
      <fieldset className="stack" style={{ border: '1px solid var(--line)', borderRadius: 8, padding: 12 }}>
        <legend>{t('image')}</legend>
        <label className="check"><input type="radio" name="imageKind" checked={!upload} onChange={() => setUpload(false)} />{t('imageDrawn')}</label>
        <label className="check"><input type="radio" name="imageKind" checked={upload} onChange={() => setUpload(true)} />{t('imageUpload')}</label>
        {upload ? <input type="file" name="image" accept="image/png" required aria-label={t('imageUpload')} /> : null}
      </fieldset>
      <div><button type="submit" disabled={busy}>{t('create')}</button></div>
    </form>
  )
}
