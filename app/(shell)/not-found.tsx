import { getTranslations } from 'next-intl/server'
import { NotFoundCard } from '../components/NotFoundCard.tsx'

export async function generateMetadata() {
  return { title: (await getTranslations('shell'))('notFoundTitle') }
}

/** An object that is missing or not the viewer's to see (`orNotFound`), inside the shell. */
export default function ShellNotFound() {
  return <NotFoundCard />
}
