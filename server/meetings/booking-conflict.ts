/**
 * The room's exclusion constraint (`RoomBooking_no_overlap`, SQLSTATE 23P01) refused the booking:
 * another live booking of that room overlaps it. Prisma's driver adapter wraps the database error, so
 * the check looks through the error's causes for the code or the constraint's name.
 */
export function isBookingOverlap(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 6; depth++) {
    const text = `${(e as { code?: unknown }).code ?? ''} ${(e as { message?: unknown }).message ?? ''} ${JSON.stringify((e as { meta?: unknown }).meta ?? '')}`
    if (text.includes('23P01') || text.includes('RoomBooking_no_overlap')) return true
    e = (e as { cause?: unknown }).cause
  }
  return false
}
