import { getTranslations } from 'next-intl/server'
import { db } from '@/server/core/db/index.ts'
import { clock, days, shanghaiDate } from '@/server/core/clock.ts'
import { flattenTree, listUnitTree } from '@/server/directory/index.ts'
import { listRooms, meetingPolicy } from '@/server/meetings/index.ts'
import { requireActor } from '../../../lib/session.ts'
import { Forbidden } from '../../../components/Forbidden.tsx'
import { MeetingForm } from './MeetingForm.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('meetings'))('new') }
}

export default async function NewMeetingPage() {
  const actor = await requireActor()
  if (!meetingPolicy.mayOrganise(actor)) return <Forbidden />
  const t = await getTranslations('meetings')
  const rooms = (await listRooms(db(), actor)).map((r) => ({ id: r.id, name: r.name, capacity: r.capacity, needsApproval: r.needsApproval }))
  // Any unit may be invited to name attendees (a city meeting reaches every department).
  const units = flattenTree(await listUnitTree(db())).map((u) => ({ id: u.id, name: u.name, depth: u.depth }))
  return (
    <div className="stack">
      <h1>{t('new')}</h1>
      <section className="card"><MeetingForm rooms={rooms} units={units} date={shanghaiDate(new Date(clock.now().getTime() + days(1)))} /></section>
    </div>
  )
}
