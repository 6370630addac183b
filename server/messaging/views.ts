/** A message as members see it: a recalled message keeps its place (sequence) but not its content. */
export type MessageView = {
  id: string
  conversationId: string
  seq: number
  clientId: string
  senderId: string
  senderName: string
  kind: 'TEXT' | 'IMAGE' | 'FILE'
  text: string
  mentionIds: string[]
  mentionAll: boolean
  replyTo: { id: string; seq: number; senderName: string; text: string; recalled: boolean } | null
  file: { id: string; name: string; size: number; contentType: string; hasThumbnail: boolean } | null
  forwarded: boolean
  recalled: boolean
  /** 必达: the urgent notice this message was sent as. */
  noticeId: string | null
  createdAt: string
}

export type MessageRow = {
  id: string; conversationId: string; seq: number; clientId: string; senderId: string; senderName: string
  kind: 'TEXT' | 'IMAGE' | 'FILE'; text: string; mentionIds: string[]; mentionAll: boolean
  replyToId: string | null; forwardedFromId: string | null; fileId: string | null; recalledAt: Date | null; noticeId: string | null; createdAt: Date
  replySeq: number | null; replySenderName: string | null; replyText: string | null; replyRecalledAt: Date | null
  fileName: string | null; fileSize: number | null; fileType: string | null; fileThumb: boolean | null
}

/** The columns `toView` reads, for `FROM "Message" m` (joins the sender, the quoted message and the file). */
export const MESSAGE_SELECT = `m.id::text AS id, m."conversationId"::text AS "conversationId", m.seq, m."clientId", m."senderId"::text AS "senderId",
  sp.name AS "senderName", m.kind::text AS kind, m.text, m."mentionIds"::text[] AS "mentionIds", m."mentionAll", m."replyToId"::text AS "replyToId",
  m."forwardedFromId"::text AS "forwardedFromId", m."fileId"::text AS "fileId", m."recalledAt", m."noticeId"::text AS "noticeId", m."createdAt",
  r.seq AS "replySeq", rp.name AS "replySenderName", r.text AS "replyText", r."recalledAt" AS "replyRecalledAt",
  f."fileName", f.size AS "fileSize", f."contentType" AS "fileType", (f.thumbnail IS NOT NULL) AS "fileThumb"`

export const MESSAGE_JOINS = `JOIN "Person" sp ON sp.id = m."senderId"
  LEFT JOIN "Message" r ON r.id = m."replyToId" LEFT JOIN "Person" rp ON rp.id = r."senderId"
  LEFT JOIN "MessageFile" f ON f.id = m."fileId"`

export function toView(row: MessageRow): MessageView {
  const recalled = !!row.recalledAt
  return {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    clientId: row.clientId,
    senderId: row.senderId,
    senderName: row.senderName,
    kind: row.kind,
    text: recalled ? '' : row.text,
    mentionIds: recalled ? [] : row.mentionIds,
    mentionAll: !recalled && row.mentionAll,
    replyTo: !recalled && row.replyToId && row.replySeq !== null
      ? { id: row.replyToId, seq: row.replySeq, senderName: row.replySenderName ?? '', text: row.replyRecalledAt ? '' : (row.replyText ?? '').slice(0, 200), recalled: !!row.replyRecalledAt }
      : null,
    file: !recalled && row.fileId ? { id: row.fileId, name: row.fileName ?? '', size: row.fileSize ?? 0, contentType: row.fileType ?? '', hasThumbnail: !!row.fileThumb } : null,
    forwarded: !!row.forwardedFromId,
    recalled,
    noticeId: recalled ? null : row.noticeId,
    createdAt: row.createdAt.toISOString(),
  }
}
