/**
 * A stable colour per person for marking their changes: the same person has the same colour in every
 * diff and on every machine. The hue comes from a hash of the id; the colour is then darkened until
 * text in it on white has a contrast of at least 4.5:1 (WCAG AA), which yellows and greens need.
 */
export function authorColour(personId: string | null): string {
  if (personId === null) return '#6b7280'
  let hash = 0x811c9dc5 // FNV-1a
  for (let i = 0; i < personId.length; i++) {
    hash ^= personId.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  const hue = hash % 360
  let lightness = 0.45
  while (contrastOnWhite(hslToRgb(hue, 0.7, lightness)) < 4.5) lightness -= 0.01
  return `#${hslToRgb(hue, 0.7, lightness).map((c) => c.toString(16).padStart(2, '0')).join('')}`
}

function hslToRgb(hue: number, saturation: number, lightness: number): [number, number, number] {
  const a = saturation * Math.min(lightness, 1 - lightness)
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12
    return Math.round((lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))) * 255)
  }
  return [channel(0), channel(8), channel(4)]
}

function contrastOnWhite(rgb: [number, number, number]): number {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)
}
