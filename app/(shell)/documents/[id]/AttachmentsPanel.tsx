'use client'
import { useFormatter, useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useRef, useState } from 'react'
import { ATTACHMENT_ACCEPT, MAX_ATTACHMENT_BYTES } from '@/server/documents/attachment-files.ts'
import { api, type ApiError } from '../../../lib/client-api.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'

type Attachment = { id: string; fileName: string; size: number; contentType: string; notEmbeddable?: boolean; createdAt: Date | string }

const sizeOf = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`

/** 附件: download links for everyone who sees the document; upload and delete for those allowed. */
export function AttachmentsPanel({ documentId, attachments, mayManage, frozen = 'open' }: { documentId: string; attachments: Attachment[]; mayManage: boolean; frozen?: 'open' | 'signed' | 'sealed' }) {
  const t = useTranslations('documents.attachments')
  const tError = useTranslations('errors.document')
  const format = useFormatter()
  const router = useRouter()
  const input = useRef<HTMLInputElement>(null)
  const [uploading, setUploading] = useState('')
  const [error, setError] = useState<ApiError | string | null>(null)
  const base = `/api/documents/${documentId}/attachments`

  async function upload(files: File[]) {
    setError(null)
    for (const file of files) {
      if (file.size > MAX_ATTACHMENT_BYTES) {
        setError(tError('attachment_too_large', { name: file.name, maxMb: MAX_ATTACHMENT_BYTES / 1024 / 1024 }))
        break
      }
      setUploading(file.name)
      const form = new FormData()
      form.append('file', file)
      const result = await api(base, { form })
      if (!result.ok) {
        setError(result.error)
        break
      }
    }
    setUploading('')
    if (input.current) input.current.value = ''
    router.refresh()
  }

  async function remove(a: Attachment) {
    if (!window.confirm(t('deleteConfirm', { name: a.fileName }))) return
    const result = await api(`${base}/${a.id}`, { method: 'DELETE' })
    if (!result.ok) return setError(result.error)
    setError(null)
    router.refresh()
  }

  return (
    <section className="card stack" aria-label={t('title')} data-testid="attachments">
      <h2 style={{ margin: 0 }}>{t('title')}</h2>
      <ErrorAlert error={error} />
      {frozen !== 'open' ? <p className="small muted" role="note" style={{ margin: 0 }} data-testid="attachments-frozen">{t(frozen === 'sealed' ? 'frozenSealed' : 'frozenSigned')}</p> : null}
      {attachments.length === 0 ? <p className="muted">{t('none')}</p> : (
        <ul className="inbox-list">
          {attachments.map((a) => (
            <li key={a.id} className="spread" style={{ padding: '8px 4px' }}>
              <span>
                <a href={`${base}/${a.id}`} download={a.fileName}>{a.fileName}</a>{' '}
                <span className="small muted">{sizeOf(a.size)} · {format.dateTime(new Date(a.createdAt), { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })}</span>
                {a.notEmbeddable ? <span className="small" role="note" data-testid="attachment-not-embeddable"> · {t('notEmbeddable')}</span> : null}
              </span>
              {mayManage ? <button type="button" className="link" aria-label={`${t('delete')} ${a.fileName}`} onClick={() => void remove(a)}>{t('delete')}</button> : null}
            </li>
          ))}
        </ul>
      )}
      {mayManage ? (
        <div className="stack" style={{ gap: 4 }}>
          <label>
            {t('upload')}
            <input ref={input} type="file" multiple accept={ATTACHMENT_ACCEPT} disabled={!!uploading} onChange={(e) => void upload([...(e.target.files ?? [])])} />
          </label>
          <span className="small muted">{uploading ? <span role="status">{t('uploading', { name: uploading })}</span> : t('hint')}</span>
        </div>
      ) : null}
    </section>
  )
}
