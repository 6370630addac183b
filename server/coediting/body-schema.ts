import { getSchema, Node, mergeAttributes } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import { TableKit } from '@tiptap/extension-table'

/** 分页符: a block that starts a new page when the document is rendered for print (GB/T 9704). */
export const PageBreak = Node.create({
  name: 'pageBreak',
  group: 'block',
  atom: true,
  selectable: true,
  parseHTML: () => [{ tag: 'div[data-page-break]' }],
  renderHTML: ({ HTMLAttributes }) => ['div', mergeAttributes(HTMLAttributes, { 'data-page-break': '', class: 'page-break' })],
})

/**
 * The body's schema, shared by the browser's editor and the server (templates, tests): node names are
 * what the stored Yjs document holds. Headings 1–4 are the official hierarchy 一、（一）1.（1）,
 * numbered by style. Undo is Yjs's own (collaboration), so StarterKit's is off.
 */
export const bodyExtensions = [
  StarterKit.configure({ undoRedo: false, heading: { levels: [1, 2, 3, 4] }, codeBlock: false, code: false, link: { openOnClick: false, protocols: ['http', 'https', 'mailto'] } }),
  TableKit.configure({ table: { resizable: false } }),
  PageBreak,
]

let schema: ReturnType<typeof getSchema> | undefined
/** The ProseMirror schema of a body (built once). */
export const bodySchema = () => (schema ??= getSchema(bodyExtensions))
