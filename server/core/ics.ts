/**
 * The parts of iCalendar (RFC 5545) every module writes the same way. Instants are written in UTC
 * (`icsUtc` in clock.ts): a calendar shows them in the reader's zone, and no server time zone shifts
 * them (ical-generator with a zone and plain Dates wrote a 09:30 Beijing meeting as 01:30 under TZ=UTC).
 */

/** §3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values. */
export function icsText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n')
}

/** §3.1: lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = []
  let current = ''
  let size = 0
  for (const ch of line) {
    const n = Buffer.byteLength(ch)
    if (size + n > (out.length ? 74 : 75)) {
      out.push(current)
      current = ''
      size = 0
    }
    current += ch
    size += n
  }
  out.push(current)
  return out.join('\r\n ')
}

/** Content lines joined as the standard wants them: folded, CRLF, with a final CRLF. */
export function icsDocument(lines: readonly string[]): string {
  return lines.map(fold).join('\r\n') + '\r\n'
}
