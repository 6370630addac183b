/**
 * Tests and benchmarks only: content trees shaped like `readContent`'s, and a sample notice.
 */
import type { ContentNode } from '../coediting/index.ts'
import type { ElementNode, Mark, OfficialDocumentModel, TextRun } from './model.ts'

export const t = (text: string, ...marks: Mark[]): TextRun => ({ type: 'text', text, marks, change: null })
export const el = (name: string, attrs: Record<string, unknown>, ...children: ContentNode[]): ElementNode => ({ type: 'element', name, attrs, children, change: null })
export const p = (...children: (ContentNode | string)[]) => el('paragraph', {}, ...children.map((c) => (typeof c === 'string' ? t(c) : c)))
export const h = (level: number, text: string) => el('heading', { level }, t(text))
export const li = (text: string) => el('listItem', {}, p(text))
export const cell = (text: string, header = false) => el(header ? 'tableHeader' : 'tableCell', { colspan: 1, rowspan: 1, colwidth: null }, p(text))
export const row = (...cells: ElementNode[]) => el('tableRow', {}, ...cells)

/** Sentences of an ordinary notice, to fill bodies of any length. */
export const SENTENCES = [
  '为深入贯彻落实党中央、国务院关于安全生产工作的决策部署，切实做好今冬明春安全生产工作，有效防范和遏制各类生产安全事故发生，确保全市安全生产形势持续稳定。',
  '各地各部门要坚持人民至上、生命至上，统筹发展和安全，压紧压实安全生产责任，把各项防范措施落实到每一个岗位、每一个环节。',
  '要聚焦道路交通、建筑施工、危险化学品、城镇燃气、消防等重点行业领域，组织开展拉网式排查，做到不留死角、不留盲区。',
  '对排查发现的问题隐患，要建立台账，明确整改责任、措施、资金、时限和预案，实行销号管理，确保整改到位。',
  '要严格落实领导带班和24小时值班制度，保持通信畅通，遇有重大突发事件，要在30分钟内电话报告、1小时内书面报告，严禁迟报、漏报、谎报、瞒报。',
]

/** A body that fits under the masthead with the signature and imprint: a one-page notice. */
export const SHORT = '现将《泰和市今冬明春安全生产大检查工作方案》印发给你们，请认真贯彻执行。'

/** Paragraphs of about `chars` characters in all. */
export function filler(chars: number): ElementNode[] {
  const out: ElementNode[] = []
  let count = 0
  for (let i = 0; count < chars; i++) {
    const text = SENTENCES[i % SENTENCES.length]! + SENTENCES[(i + 2) % SENTENCES.length]!
    out.push(p(text))
    count += text.length
  }
  return out
}

/** A notice with every kind of block: headings of four levels, lists, a table, marks. */
export function sampleBody(extraChars = 0): ContentNode[] {
  return [
    p('为深入贯彻落实党中央、国务院关于安全生产工作的决策部署，切实做好今冬明春安全生产工作，经市政府同意，现就有关事项通知如下：'),
    h(1, '总体要求'),
    p('坚持', t('安全第一、预防为主、综合治理', 'bold'), '的方针，全面落实企业安全生产主体责任、部门监管责任和属地管理责任。'),
    h(2, '工作目标'),
    p('全市生产安全事故起数和死亡人数实现“双下降”，坚决遏制较大以上生产安全事故。'),
    h(3, '重点任务'),
    el('orderedList', { start: 1 }, li('开展隐患排查治理专项行动。'), li('强化重点时段安全防范。'), li('加强应急值守和信息报送。')),
    h(4, '责任分工'),
    el('table', {},
      row(cell('单位', true), cell('牵头事项', true), cell('完成时限', true)),
      row(cell('市应急管理局'), cell('统筹协调全市安全生产大检查，汇总上报检查情况'), cell('2026年12月31日')),
      row(cell('市住房城乡建设局'), cell('建筑施工、城镇燃气安全专项整治'), cell('2026年12月20日')),
      row(cell('市交通运输局'), cell('道路运输、水上交通安全专项整治'), cell('2026年12月25日'))),
    h(1, '保障措施'),
    el('bulletList', {}, li('加强组织领导。'), li('强化督导检查。')),
    ...filler(extraChars),
    p('特此通知。'),
  ]
}

export function sampleNotice(overrides: Partial<OfficialDocumentModel> = {}): OfficialDocumentModel {
  return {
    organName: '泰和市人民政府',
    kind: 'NOTICE',
    title: '泰和市人民政府关于做好2026年冬季安全生产工作和今冬明春火灾防控工作的通知',
    number: '泰政发〔2026〕14号',
    signerName: null,
    urgency: '加急',
    marking: null,
    copyNumber: '000012',
    mainRecipients: '各县（区）人民政府，市政府各部门、各直属机构',
    body: sampleBody(),
    attachments: ['泰和市今冬明春安全生产大检查工作方案', '重点行业领域隐患排查清单'],
    issuerName: '泰和市人民政府',
    date: '2026年11月23日',
    note: '此件公开发布',
    copyTo: '市委各部门，市人大常委会办公室，市政协办公室，市监委，市法院，市检察院',
    printingOrgan: '泰和市人民政府办公室',
    printingDate: '2026年11月24日',
    ...overrides,
  }
}
