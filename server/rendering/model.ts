import type { ContentNode } from '../coediting/index.ts'

/** The parts of a body `readContent` gives. */
export type ElementNode = Extract<ContentNode, { type: 'element' }>
export type TextRun = Extract<ContentNode, { type: 'text' }>
export type Mark = TextRun['marks'][number]

/**
 * What an official document's PDF shows (GB/T 9704-2012, 格式要素), already in words: the renderer
 * formats and lays out, it decides nothing and checks no permission.
 */
export type OfficialDocumentModel = {
  /** 发文机关: the organ mark is made from it (泰和市人民政府 → 泰和市人民政府文件). */
  organName: string
  /** 文种 (`DocumentKind`): decides the mark's ending and whether the signer is shown. */
  kind: string
  title: string
  /** 发文字号, e.g. 泰政发〔2022〕14号; null before numbering (the line is left blank). */
  number: string | null
  /** 签发人, shown on upward documents (请示、报告) only. */
  signerName?: string | null
  /** 紧急程度. */
  urgency?: '特急' | '加急' | null
  /** 密级 position: 内部 (internal) or nothing. */
  marking?: string | null
  /** 份号 (six digits). */
  copyNumber?: string | null
  /** 主送机关; a full-width colon is added when missing. */
  mainRecipients: string
  /** 正文, as `readContent` gives it. */
  body: ContentNode[]
  /** 附件说明: attachment names, in order. */
  attachments?: string[]
  /** 发文机关署名. */
  issuerName: string
  /** 成文日期, written out: 2026年11月23日. */
  date: string
  /** 附注 (shown in round brackets under the date). */
  note?: string | null
  /** 抄送机关. */
  copyTo?: string | null
  /** 印发机关 and 印发日期 (written out, without 印发). */
  printingOrgan?: string | null
  printingDate?: string | null
  /**
   * The attachments' PDFs, appended after the body with page numbers running on. One that cannot be
   * read is replaced by a page saying so (named by `name`) and reported in `notEmbedded`.
   */
  appendPdfs?: { name: string; data: Uint8Array }[]
}

/**
 * Where the seal goes: centred over the issuer name and date (GB/T 9704 7.3.5.1), in PDF points
 * (origin at the page's lower left, y up), on a 0-based page.
 */
export type SealAnchor = { page: number; x: number; y: number; diameterPt: number }

/** `notEmbedded`: indexes into `appendPdfs` of the attachments that could not be appended. */
export type RenderedOfficialPdf = { pdf: Uint8Array; sealAnchor: SealAnchor; pages: number; notEmbedded: number[] }

/** Upward kinds show the signer beside the number (GB/T 9704 7.2.4). */
export const UPWARD_KINDS = new Set(['REQUEST', 'REPORT'])
