'use client'
import { useState } from 'react'
import { api } from '../lib/client-api.ts'

export type PickedPerson = { id: string; name: string; detail?: string }
type Found = { id: string; name: string; posts: { unitName: string; title: string }[] }

/** Search the directory and pick people (one or several). */
export function PeoplePicker({ value, onChange, label, placeholder, single = false, removeLabel }: {
  value: PickedPerson[]; onChange: (people: PickedPerson[]) => void; label: string; placeholder: string; single?: boolean; removeLabel: string
}) {
  const [query, setQuery] = useState('')
  const [results, setResults] = useState<PickedPerson[]>([])
  async function search(q: string) {
    setQuery(q)
    if (!q.trim()) return setResults([])
    const result = await api<{ people: Found[] }>(`/api/directory/people?q=${encodeURIComponent(q)}&limit=8`)
    if (result.ok) setResults(result.data.people.filter((p) => !value.some((v) => v.id === p.id)).map((p) => ({ id: p.id, name: p.name, detail: p.posts[0] ? `${p.posts[0].unitName} · ${p.posts[0].title}` : '' })))
  }
  return (
    <div className="stack" style={{ gap: 6 }}>
      {value.length ? (
        <div className="row" style={{ gap: 6 }}>
          {value.map((p) => (
            <span key={p.id} className="badge">{p.name} <button type="button" className="link" aria-label={`${removeLabel} ${p.name}`} onClick={() => onChange(value.filter((x) => x.id !== p.id))}>×</button></span>
          ))}
        </div>
      ) : null}
      {!single || value.length === 0 ? (
        <label><span className="visually-hidden">{label}</span><input type="search" value={query} onChange={(e) => void search(e.target.value)} placeholder={placeholder} autoComplete="off" aria-label={label} /></label>
      ) : null}
      {results.length ? (
        <ul className="people picker-results">
          {results.map((p) => (
            <li key={p.id}>
              <button type="button" className="secondary" style={{ width: '100%', justifyContent: 'space-between' }} onClick={() => { onChange(single ? [p] : [...value, p]); setResults([]); setQuery('') }}>
                <span>{p.name} <span className="small muted">{p.detail}</span></span><span aria-hidden="true">＋</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
