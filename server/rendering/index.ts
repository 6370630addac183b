export { renderOfficialPdf } from './render-official-pdf.ts'
export { organMark } from './masthead.ts'
export type { OfficialDocumentModel, RenderedOfficialPdf, SealAnchor } from './model.ts'
