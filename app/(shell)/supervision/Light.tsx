import type { Light as LightName } from '@/server/supervision/index.ts'

/** The item's light as a coloured dot with its name for screen readers (and in text beside it when asked). */
export function Light({ light, label, showLabel = false }: { light: LightName; label: string; showLabel?: boolean }) {
  return (
    <span className={`sv-light sv-${light}`} data-light={light}>
      <span className="sv-dot" aria-hidden="true" />
      {showLabel ? <span>{label}</span> : <span className="visually-hidden">{label}</span>}
    </span>
  )
}
