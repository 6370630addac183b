export { renderOfficialPdf } from './render-official-pdf.ts'
export { organMark } from './masthead.ts'
export { checkFontSettings, FontSettingError } from './fonts.ts'
export type { OfficialDocumentModel, RenderedOfficialPdf, SealAnchor } from './model.ts'
