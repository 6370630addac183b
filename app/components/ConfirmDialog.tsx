'use client'
import { useEffect, useId, useRef, type ReactNode } from 'react'

/**
 * Asks once before an irreversible step, saying what will happen. A native modal <dialog>: the
 * browser keeps focus inside it, Escape cancels, the page behind is inert; on a phone it sits at the
 * bottom of the screen within thumb reach.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, cancelLabel, busy, danger, onConfirm, onCancel }: {
  open: boolean; title: string; children: ReactNode; confirmLabel: string; cancelLabel: string; busy?: boolean; danger?: boolean
  onConfirm: () => void; onCancel: () => void
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const bodyId = useId()
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])
  return (
    <dialog ref={ref} className="confirm-dialog" aria-labelledby={titleId} aria-describedby={bodyId} data-testid="confirm-dialog"
      onCancel={(e) => { e.preventDefault(); if (!busy) onCancel() }}>
      {open ? (
        <div className="stack">
          <h2 id={titleId} style={{ margin: 0 }}>{title}</h2>
          <div id={bodyId} className="stack confirm-body">{children}</div>
          <div className="row confirm-actions">
            <button type="button" className="secondary" disabled={busy} onClick={onCancel}>{cancelLabel}</button>
            <button type="button" className={danger ? 'danger' : undefined} disabled={busy} data-testid="confirm-action" onClick={onConfirm} autoFocus>{confirmLabel}</button>
          </div>
        </div>
      ) : null}
    </dialog>
  )
}
