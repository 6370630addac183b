'use client'
import { useEffect, useRef, useState } from 'react'
import { useTranslations } from 'next-intl'

export type ComposerSend = (text: string, mentionIds: string[], mentionAll: boolean) => void

const draftKey = (conversationId: string) => `xt-messaging-draft:${conversationId}`

/**
 * The message box. Enter sends and Shift+Enter makes a new line; while an input method composes
 * (pinyin), Enter belongs to the input method and never sends: `isComposing` during composition, and
 * keyCode 229 for the Enter that ends one in some browsers. A send button for phones. Drafts are kept
 * per conversation on this device. Typing @ offers the members (and 所有人 to owners).
 */
export function Composer({ conversationId, members, canMentionAll, replyTo, onCancelReply, onSend, onFile }: {
  conversationId: string
  members: { personId: string; name: string }[]
  canMentionAll: boolean
  replyTo: { name: string; text: string } | null
  onCancelReply: () => void
  onSend: ComposerSend
  /** A file chosen or an image pasted: uploaded and sent as its own message. */
  onFile: (file: File) => void
}) {
  const t = useTranslations('messaging')
  const [text, setText] = useState('')
  const [mentioned, setMentioned] = useState<{ id: string; name: string }[]>([])
  const composing = useRef(false)
  const box = useRef<HTMLTextAreaElement>(null)

  useEffect(() => {
    // The draft is on this device only: read after mount (the server render has none).
    const draft = localStorage.getItem(draftKey(conversationId))
    if (draft) void Promise.resolve().then(() => setText(draft))
  }, [conversationId])

  const update = (value: string) => {
    setText(value)
    try {
      if (value) localStorage.setItem(draftKey(conversationId), value)
      else localStorage.removeItem(draftKey(conversationId))
    } catch { /* storage refused: the draft lives as long as the page */ }
  }

  const mentionQuery = /(?:^|\s)@([^\s@]*)$/.exec(text)?.[1]
  const candidates = mentionQuery === undefined ? [] : [
    ...(canMentionAll ? [{ id: 'all', name: t('mentionAll') }] : []),
    ...members.map((m) => ({ id: m.personId, name: m.name })),
  ].filter((m) => m.name.includes(mentionQuery)).slice(0, 8)

  const pick = (m: { id: string; name: string }) => {
    update(text.replace(/@([^\s@]*)$/, `@${m.name} `))
    if (!mentioned.some((x) => x.id === m.id)) setMentioned([...mentioned, m])
    box.current?.focus()
  }

  const submit = () => {
    const value = text.trim()
    if (!value) return
    const still = mentioned.filter((m) => value.includes(`@${m.name}`))
    onSend(value, still.filter((m) => m.id !== 'all').map((m) => m.id), still.some((m) => m.id === 'all'))
    update('')
    setMentioned([])
  }

  return (
    <div className="composer">
      {replyTo ? (
        <div className="reply-bar small">
          <span>{t('replyingTo', { name: replyTo.name })} {replyTo.text.slice(0, 40)}</span>
          <button type="button" className="link" onClick={onCancelReply}>{t('cancel')}</button>
        </div>
      ) : null}
      {candidates.length ? (
        <ul className="mention-list" aria-label={t('mentionPick')}>
          {candidates.map((m) => <li key={m.id}><button type="button" className="secondary" onMouseDown={(e) => e.preventDefault()} onClick={() => pick(m)}>@{m.name}</button></li>)}
        </ul>
      ) : null}
      <div className="composer-row">
        <textarea
          ref={box}
          rows={2}
          value={text}
          aria-label={t('composer')}
          placeholder={t('placeholder')}
          data-testid="composer"
          onChange={(e) => update(e.target.value)}
          onPaste={(e) => {
            const file = [...e.clipboardData.files].find((f) => f.type.startsWith('image/'))
            if (!file) return
            e.preventDefault()
            onFile(file)
          }}
          onCompositionStart={() => { composing.current = true }}
          onCompositionEnd={() => { composing.current = false }}
          onKeyDown={(e) => {
            if (e.key !== 'Enter' || e.shiftKey) return
            if (e.nativeEvent.isComposing || composing.current || e.keyCode === 229) return
            e.preventDefault()
            submit()
          }}
        />
        <label className="button secondary attach" title={t('attach')}>
          <span aria-hidden="true">＋</span><span className="visually-hidden">{t('attach')}</span>
          <input type="file" className="visually-hidden" data-testid="attach" onChange={(e) => { const f = e.target.files?.[0]; if (f) onFile(f); e.target.value = '' }} />
        </label>
        <button type="button" onClick={submit} data-testid="send">{t('send')}</button>
      </div>
    </div>
  )
}
