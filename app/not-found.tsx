import { getTranslations } from 'next-intl/server'
import { NotFoundCard } from './components/NotFoundCard.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('shell'))('notFoundTitle') }
}

/** Any unknown address outside the signed-in shell (Next's default page is English only). */
export default function NotFound() {
  return <main className="content" id="main" style={{ maxWidth: 560, margin: '48px auto' }}><NotFoundCard /></main>
}
