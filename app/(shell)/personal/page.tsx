import { redirect } from 'next/navigation'

export default function PersonalPage() {
  redirect('/personal/calendar')
}
