import { BlendMode, rgb, type PDFPage } from 'pdf-lib'
import { loadFont, type FontkitFont } from './fonts.ts'

/**
 * The standard round seal (公章) drawn as vector graphics: a red ring, the name along the upper arc
 * reading left to right, a five-pointed star in the centre, and an optional line below the star
 * (e.g. 公文专用章). Proportions follow the common 42 mm seal: ring ≈ 1.2 mm, star ≈ 1/3 of the
 * diameter. Lettering is the font's glyph outlines turned into paths, so the same artwork serves the
 * PDF and the SVG preview, and the PDF needs no embedded font for it.
 */
export type SealArtwork = {
  diameter: number
  ringRadius: number
  ringWidth: number
  /** SVG path data, y pointing down, centred on (0, 0), in the same units as `diameter`. */
  path: string
}

export const SEAL_RED = { r: 0.87, g: 0.06, b: 0.09 }

/** The vertical centre of a CJK glyph's ideographic em box (880 / -120 in Noto CJK), in em. */
const EM_CENTRE = 0.38
const deg = (d: number) => (d * Math.PI) / 180
const n2 = (v: number) => (Math.round(v * 100) / 100).toString()

/**
 * How a seal's name is engraved: the unit's name on the arc and the rest below the star
 * ("泰和市人民政府办公室公文专用章" of the unit "泰和市人民政府办公室" → arc + "公文专用章").
 */
export function sealLettering(name: string, unitName: string): { arc: string; below: string } {
  const trimmed = name.trim()
  if (unitName && trimmed.startsWith(unitName) && trimmed.length > unitName.length) return { arc: unitName, below: trimmed.slice(unitName.length).trim() }
  return { arc: trimmed, below: '' }
}

/** One glyph's outline placed with its centre at (px, py) (y up), turned clockwise by `turn` radians. */
function glyphPath(font: FontkitFont, char: string, px: number, py: number, turn: number, width: number, height: number): string {
  const glyph = font.glyphForCodePoint(char.codePointAt(0)!)
  const em = font.unitsPerEm
  const sx = width / em
  const sy = height / em
  const cos = Math.cos(turn)
  const sin = Math.sin(turn)
  const mid = EM_CENTRE * em
  const out: string[] = []
  const letter = { moveTo: 'M', lineTo: 'L', quadraticCurveTo: 'Q', bezierCurveTo: 'C', closePath: 'Z' } as const
  for (const c of glyph.path.commands) {
    const coords: string[] = []
    for (let i = 0; i + 1 < c.args.length; i += 2) {
      const lx = (c.args[i]! - glyph.advanceWidth / 2) * sx
      const ly = (c.args[i + 1]! - mid) * sy
      const x = px + lx * cos + ly * sin
      const y = py - lx * sin + ly * cos
      coords.push(`${n2(x)} ${n2(-y)}`)
    }
    out.push(`${letter[c.command]}${coords.join(' ')}`)
  }
  return out.join('')
}

function starPath(radius: number, centreY: number): string {
  const inner = radius * 0.381966
  const points = Array.from({ length: 10 }, (_, i) => {
    const r = i % 2 ? inner : radius
    const a = deg(i * 36)
    return `${n2(r * Math.sin(a))} ${n2(-(centreY + r * Math.cos(a)))}`
  })
  return `M${points.join('L')}Z`
}

export function standardSealArtwork(input: { arc: string; below?: string; diameter: number }): SealArtwork {
  const font = loadFont('serifBold')
  const D = input.diameter
  const R = D / 2
  const ringWidth = D * 0.03
  const chars = [...input.arc.replace(/\s+/g, '')]
  const n = Math.max(chars.length, 1)
  // Wider names take more of the circle, up to 250°; each character gets an equal share of the arc.
  const span = deg(Math.min(250, Math.max(150, n * 24)))
  const step = span / n
  let height = D * 0.17
  let textRadius = R - ringWidth - D * 0.02 - height / 2
  let width = Math.min(height * 0.78, textRadius * step * 0.92)
  if (width < height * 0.5) {
    // A long name: smaller letters rather than slivers.
    height = Math.max(D * 0.09, (textRadius * step * 0.92) / 0.5)
    textRadius = R - ringWidth - D * 0.02 - height / 2
    width = Math.min(height * 0.78, textRadius * step * 0.92)
  }
  const parts: string[] = []
  chars.forEach((char, i) => {
    const theta = -span / 2 + step * (i + 0.5)
    parts.push(glyphPath(font, char, textRadius * Math.sin(theta), textRadius * Math.cos(theta), theta, width, height))
  })
  parts.push(starPath(D * 0.16, 0))
  const below = [...(input.below ?? '').replace(/\s+/g, '')]
  if (below.length) {
    const h = D * 0.085
    const w = Math.min(h * 0.85, (D * 0.46) / below.length)
    below.forEach((char, i) => parts.push(glyphPath(font, char, (i - (below.length - 1) / 2) * w * 1.08, -D * 0.265, 0, w, h)))
  }
  return { diameter: D, ringRadius: R - ringWidth / 2, ringWidth, path: parts.join('') }
}

/** The artwork as an SVG document (the admin page's preview). */
export function sealSvg(art: SealArtwork): string {
  const r = art.diameter / 2
  const colour = `rgb(${Math.round(SEAL_RED.r * 255)},${Math.round(SEAL_RED.g * 255)},${Math.round(SEAL_RED.b * 255)})`
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${-r} ${-r} ${art.diameter} ${art.diameter}" width="${art.diameter}" height="${art.diameter}">` +
    `<circle cx="0" cy="0" r="${n2(art.ringRadius)}" fill="none" stroke="${colour}" stroke-width="${n2(art.ringWidth)}"/>` +
    `<path d="${art.path}" fill="${colour}"/></svg>`
}

/**
 * Draw on a page centred at (x, y), in PDF points. Multiply blending, like ink: the text under the
 * seal stays readable through it.
 */
export function drawSealArtwork(page: PDFPage, art: SealArtwork, at: { x: number; y: number }) {
  const color = rgb(SEAL_RED.r, SEAL_RED.g, SEAL_RED.b)
  page.drawCircle({ x: at.x, y: at.y, size: art.ringRadius, borderColor: color, borderWidth: art.ringWidth, blendMode: BlendMode.Multiply })
  page.drawSvgPath(art.path, { x: at.x, y: at.y, color, blendMode: BlendMode.Multiply })
}
