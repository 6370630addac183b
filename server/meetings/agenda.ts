import { z } from 'zod'
import type { Db } from '../core/db/index.ts'
import type { Actor } from '../core/authz/index.ts'
import { AppError } from '../core/errors.ts'
import { plainText } from '../core/text.ts'
import { recordAudit } from '../core/audit/index.ts'
import type { RequestContext } from '../core/request-context.ts'
import { lockMeeting } from './lock-meeting.ts'

export const agendaInput = z.object({
  revision: z.number().int().min(0),
  items: z.array(z.object({ title: plainText(200).pipe(z.string().min(1)), presenterId: z.uuid().nullable().optional(), minutes: z.number().int().min(1).max(600).default(15) })).max(50),
})

/** 议程: the organisers set the agenda items (presenter, duration) in order; the list replaces the old one. */
export async function saveAgenda(db: Db, actor: Actor, meetingId: string, input: z.input<typeof agendaInput>, context: RequestContext) {
  const fields = agendaInput.parse(input)
  const presenters = [...new Set(fields.items.map((i) => i.presenterId).filter((x): x is string => !!x))]
  if (presenters.length && (await db.person.count({ where: { id: { in: presenters } } })) !== presenters.length) throw new AppError('not_found')
  return db.$transaction(async (tx) => {
    await lockMeeting(tx, actor, meetingId, { manage: true, revision: fields.revision })
    await tx.meetingAgendaItem.deleteMany({ where: { meetingId } })
    await tx.meetingAgendaItem.createMany({ data: fields.items.map((item, position) => ({ meetingId, position, title: item.title, presenterId: item.presenterId ?? null, minutes: item.minutes })) })
    const meeting = await tx.meeting.update({ where: { id: meetingId }, data: { revision: { increment: 1 } } })
    await recordAudit(tx, { actor, action: 'meeting.agenda_save', objectType: 'Meeting', objectId: meetingId, details: { items: fields.items.length }, context })
    return { revision: meeting.revision }
  })
}
