/**
 * A realistic corpus of official documents for the search benchmark: titles, numbers, opinions and
 * bodies of a few hundred characters in the style of published notices, topics drawn with a skewed
 * (Zipf-like) frequency so some words are everywhere and others rare, bulk-loaded with SQL.
 */
import pg from 'pg'
import { uuidv7 } from '../server/directory/index.ts'
import { seededRandom } from '../server/platform/demo-data.ts'

export const cities = ['泰和', '运城', '常宁', '温江', '东平', '临川', '安宁', '宜阳', '平江', '清河', '长乐', '永安', '富阳', '建德', '武宁', '丰城', '新余', '南康', '瑞金', '德兴']
const departments = ['办公室', '发展和改革委员会', '教育局', '科学技术局', '工业和信息化局', '公安局', '民政局', '财政局', '人力资源和社会保障局', '自然资源和规划局', '生态环境局', '住房和城乡建设局', '交通运输局', '农业农村局', '应急管理局', '卫生健康委员会', '市场监督管理局', '审计局']

/** Topics, most common first. */
export const topics = [
  '安全生产', '乡村振兴', '营商环境', '防汛抗旱', '森林防火', '城市更新', '义务教育', '医疗保障', '养老服务', '就业创业', '科技创新', '生态环境保护',
  '大气污染防治', '河湖长制', '耕地保护', '粮食安全', '食品药品安全', '校园安全', '消防安全', '道路交通安全', '文明城市创建', '招商引资', '预算管理',
  '审计整改', '信访工作', '民营经济发展', '人才引进', '基层治理', '燃气安全', '农民工工资支付', '政务公开', '一网通办', '老旧小区改造', '冬春火灾防控',
  '数字政府建设', '双随机一公开', '减税降费', '物业管理', '电动自行车充电', '地质灾害防治', '未成年人保护', '退役军人服务', '殡葬改革', '节能降碳',
]
const actions = ['做好', '加强', '进一步加强', '开展', '印发', '推进', '落实', '深化', '规范', '组织开展', '切实做好', '全面推进']
const objects = ['工作', '专项行动', '实施方案', '检查', '督查', '考核', '试点工作', '三年行动计划', '工作要点', '专项整治', '隐患排查', '宣传月活动']
const kinds: [string, string][] = [['NOTICE', '通知'], ['OPINION', '意见'], ['REPORT', '报告'], ['REQUEST', '请示'], ['LETTER', '函'], ['CIRCULAR', '通报'], ['REPLY', '批复'], ['MINUTES', '纪要'], ['DECISION', '决定']]
const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏'
const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英霞平刚桂华文红建志晓燕海俊婷宇浩然子涵欣怡思远嘉雨桐国庆卫东春梅立新振佳琪鹏飞玉兰德成亮斌辉'

const sentences = [
  '为深入贯彻落实党中央、国务院关于{t}的决策部署，进一步{a}{t}工作，经{o}同意，现将有关事项通知如下。',
  '各地各部门要充分认识做好{t}工作的重要性和紧迫性，切实增强责任感和使命感，把各项工作抓实抓细。',
  '要围绕{t}重点领域和关键环节，全面排查风险隐患，建立问题清单、责任清单和整改清单，实行销号管理。',
  '各单位主要负责同志是第一责任人，分管负责同志是直接责任人，要层层压实责任，确保各项措施落到实处。',
  '{o}办公室将会同{d}等部门适时开展专项督查，对工作不力、推诿扯皮的单位予以通报批评。',
  '请于{m}月{n}日前将工作进展情况书面报送{d}，联系人：{p}，电话：0{n}{n}-{n}{n}{n}。',
  '所需经费由本级财政统筹安排，纳入年度部门预算，严格执行资金管理有关规定。',
  '各县（区）人民政府、{o}各部门要结合实际，制定具体实施方案，明确时间表和路线图。',
  '截至{m}月底，全市共实施{t}项目{n}个，完成投资{n}亿元，同比增长{n}%。',
  '要加强宣传引导，充分利用报刊、广播电视和新媒体，营造全社会共同关心支持{t}的良好氛围。',
  '对照年度目标任务，{d}牵头制定考核办法，考核结果纳入部门年度绩效考评。',
  '建立健全部门协作机制，{d}、{d}要加强信息共享，形成工作合力。',
  '本文件自印发之日起施行，有效期{n}年。此前有关规定与本文件不一致的，以本文件为准。',
  '请示事项：拟安排专项资金{n}万元用于{t}，妥否，请批示。',
  '经研究，原则同意你单位关于{t}的请示，请按照有关规定抓好组织实施。',
  '会议听取了{d}关于{t}工作情况的汇报，研究部署了下一阶段重点任务。',
]
const opinions = ['拟同意，请{d}会签。', '同意。', '同意印发。', '已阅，请抓好落实。', '请{d}研提意见。', '同意，请按程序办理。', '请{p}同志阅处。', '原则同意，请修改完善后印发。']

export type Corpus = {
  organIds: string[]
  /** People by organisation; the first of organisation 0 is "the typical person" of the benchmark. */
  people: string[][]
  typicalPersonId: string
  clerkPersonId: string
  /** A word that appears only in the body of a few documents. */
  rareBodyWord: string
  numbers: string[]
}

/**
 * Load `count` documents spread over 20 organisations (organisation 0 twice the share of the others),
 * with 3–6 tasks each, some circulated, and return who is who.
 */
export async function seedDocumentCorpus(url: string, count: number): Promise<Corpus> {
  const random = seededRandom(7)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!
  // Zipf-like: topic i is drawn with weight 1/(i+1).
  const weights = topics.map((_, i) => 1 / (i + 1))
  const total = weights.reduce((a, b) => a + b, 0)
  const topic = () => {
    let r = random() * total
    for (let i = 0; i < topics.length; i++) if ((r -= weights[i]!) <= 0) return topics[i]!
    return topics[0]!
  }
  const personName = () => pick([...surnames]) + pick([...given]) + (random() < 0.6 ? pick([...given]) : '')
  const client = new pg.Client({ connectionString: url })
  await client.connect()

  // Organisations with departments, people with posts, one registry role.
  const organIds: string[] = []
  const unitsOf: string[][] = []
  const people: string[][] = []
  const unitRows: unknown[][] = []
  const personRows: unknown[][] = []
  const postRows: unknown[][] = []
  for (const [c, city] of cities.entries()) {
    const organ = uuidv7()
    organIds.push(organ)
    unitRows.push([organ, null, `${city}市人民政府`, `${city.slice(0, 1)}政发`, 'CITY', `/${organ}/`, 0])
    const units = departments.map((d) => {
      const id = uuidv7()
      unitRows.push([id, organ, `${city}市${d}`, null, 'DEPARTMENT', `/${organ}/${id}/`, 1])
      return id
    })
    unitsOf.push(units)
    const staff: string[] = []
    for (let i = 0; i < 150; i++) {
      const id = uuidv7()
      staff.push(id)
      personRows.push([id, `docbench${c}_${i}`, personName()])
      postRows.push([id, units[i % units.length]])
    }
    people.push(staff)
  }
  const column = (rows: unknown[][], i: number) => rows.map((r) => r[i])
  await client.query(
    `INSERT INTO "Unit"(id, "parentId", name, "shortName", "organCode", kind, path, depth, "updatedAt")
     SELECT id, parent, name, name, code, kind::"UnitKind", path, depth, now()
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[]) AS t(id, parent, name, code, kind, path, depth)`,
    [0, 1, 2, 3, 4, 5, 6].map((i) => column(unitRows, i)),
  )
  await client.query(
    `INSERT INTO "Person"(id, account, name, "namePinyin", "nameInitials", "updatedAt") SELECT id, account, name, account, account, now() FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(id, account, name)`,
    [0, 1, 2].map((i) => column(personRows, i)),
  )
  await client.query(`INSERT INTO "Post"(id, "personId", "unitId", title, "isPrimary") SELECT gen_random_uuid(), p, u, '科员', true FROM unnest($1::uuid[], $2::uuid[]) AS t(p, u)`, [column(postRows, 0), column(postRows, 1)])
  const role = uuidv7()
  await client.query(`INSERT INTO "Role"(id, key, name, "nameEn", permissions, "updatedAt") VALUES ($1, 'docbench-registry', '收发文', 'Registry', ARRAY['document.register'], now())`, [role])
  const typical = people[0]![0]!
  await client.query(`INSERT INTO "RoleGrant"(id, "personId", "roleId", "unitId", "includesSubunits") VALUES (gen_random_uuid(), $1, $2, $3, true)`, [typical, role, organIds[0]])

  // Documents: organisation 0 gets twice the share; the typical person is on the route of some
  // documents of other organisations too (a countersign), and the clerk only on routes.
  const clerk = people[0]![1]!
  const rareBodyWord = '鹭岛数据走廊'
  const numbers: string[] = []
  const sequence = new Map<string, number>()
  const start = Date.UTC(2023, 0, 1)
  const span = Date.UTC(2026, 0, 1) - start
  for (let batch = 0; batch < count; batch += 5000) {
    const docs: unknown[][] = []
    const tasks: unknown[][] = []
    const readers: unknown[][] = []
    for (let i = batch; i < Math.min(count, batch + 5000); i++) {
      const o = random() < 2 / 21 ? 0 : 1 + Math.floor(random() * 19)
      const staff = people[o]!
      const id = uuidv7()
      const [kind, kindName] = pick(kinds)
      const year = 2023 + Math.floor(random() * 3)
      const t = topic()
      const title = `关于${pick(actions)}${random() < 0.5 ? `${year}年` : ''}${t}${pick(objects)}的${kindName}`
      const code = `${cities[o]!.slice(0, 1)}政${random() < 0.3 ? '办' : ''}发`
      const key = `${code}${year}`
      const seq = (sequence.get(key) ?? 0) + 1
      sequence.set(key, seq)
      const isNumbered = random() < 0.7
      const number = isNumbered ? `${code}〔${year}〕${seq}号` : null
      if (number && numbers.length < 2000 && random() < 0.05) numbers.push(number)
      const fill = (s: string) => s
        .replace(/\{t\}/g, () => (random() < 0.8 ? t : topic())).replace(/\{a\}/g, () => pick(actions))
        .replace(/\{o\}/g, `${cities[o]}市人民政府`).replace(/\{d\}/g, () => `${cities[o]}市${pick(departments)}`)
        .replace(/\{m\}/g, () => String(1 + Math.floor(random() * 12))).replace(/\{n\}/g, () => String(1 + Math.floor(random() * 30)))
        .replace(/\{p\}/g, personName)
      const body: string[] = []
      const length = 250 + Math.floor(random() * 400)
      while (body.join('').length < length) body.push(fill(pick(sentences)))
      if (i % 10_000 === 17) body.push(`结合${rareBodyWord}建设，统筹推进相关工作。`)
      const route = Array.from({ length: 3 + Math.floor(random() * 4) }, () => pick(staff))
      if (random() < 0.004) route.push(typical) // a countersign across organisations
      if (o === 0 && random() < 0.06) route.push(typical)
      if (o === 0 && random() < 0.03) route.push(clerk)
      const opinionText = route.slice(0, 2 + Math.floor(random() * 2)).map(() => fill(pick(opinions)))
      const createdAt = new Date(start + random() * span)
      const status = random() < 0.85 ? 'COMPLETED' : random() < 0.7 ? 'IN_PROGRESS' : 'DRAFT'
      const searchText = [title, number, ...opinionText].filter(Boolean).join('\n') + '\n\u001e\n' + body.join('\n')
      docs.push([id, kind, title, organIds[o], pick(unitsOf[o]!), route[0], status, number, searchText, createdAt, new Date(createdAt.getTime() + random() * 20 * 86_400_000)])
      const assignees = [...new Set(route)]
      for (const [s, assignee] of assignees.entries()) {
        const done = status === 'COMPLETED' || s < assignees.length - 1
        tasks.push([id, s, assignee, done ? 'DONE' : 'PENDING', done ? assignee : null, createdAt])
      }
      if (random() < 0.1) for (const r of new Set(Array.from({ length: 3 + Math.floor(random() * 6) }, () => pick(staff)))) readers.push([id, r, route[0]])
    }
    await client.query(
      `INSERT INTO "Document"(id, direction, kind, title, "organId", "unitId", "createdById", status, number, "searchText", "createdAt", "updatedAt")
       SELECT id, 'OUTGOING', kind::"DocumentKind", title, organ, unit, creator, status::"DocumentStatus", number, search, created, updated
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::text[], $10::timestamptz[], $11::timestamptz[])
           AS t(id, kind, title, organ, unit, creator, status, number, search, created, updated)`,
      Array.from({ length: 11 }, (_, i) => column(docs, i)),
    )
    await client.query(
      `INSERT INTO "DocumentTask"(id, "documentId", "stepIndex", "assigneeId", status, "actedById", "createdAt")
       SELECT gen_random_uuid(), d, s, a, st::"DocumentTaskStatus", acted, created
         FROM unnest($1::uuid[], $2::int[], $3::uuid[], $4::text[], $5::uuid[], $6::timestamptz[]) AS t(d, s, a, st, acted, created)`,
      Array.from({ length: 6 }, (_, i) => column(tasks, i)),
    )
    if (readers.length) {
      await client.query(
        `INSERT INTO "DocumentReader"("documentId", "personId", "sentById", "sentAt") SELECT d, p, s, now() FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS t(d, p, s)`,
        Array.from({ length: 3 }, (_, i) => column(readers, i)),
      )
    }
  }
  await client.query('ANALYZE')
  await client.end()
  return { organIds, people, typicalPersonId: typical, clerkPersonId: clerk, rareBodyWord, numbers }
}
