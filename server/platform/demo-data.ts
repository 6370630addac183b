import type { LeaderRank, UnitKind } from '../core/db/index.ts'

/** A fictional city government (泰和市) for demos and e2e tests. */
export type DemoUnit = { key: string; name: string; shortName: string; organCode?: string; kind: UnitKind; children?: DemoUnit[] }

export const demoUnits: DemoUnit = {
  key: 'city', name: '泰和市人民政府', shortName: '市政府', organCode: '泰政', kind: 'CITY',
  children: [
    { key: 'office', name: '市政府办公室', shortName: '办公室', organCode: '泰政办', kind: 'DEPARTMENT', children: [
      { key: 'office.secretariat', name: '秘书科', shortName: '秘书科', kind: 'DIVISION' },
      { key: 'office.general', name: '综合科', shortName: '综合科', kind: 'DIVISION' },
      { key: 'office.registry', name: '文电科', shortName: '文电科', kind: 'DIVISION' },
    ] },
    { key: 'supervision', name: '市政府督查室', shortName: '督查室', organCode: '泰督', kind: 'DEPARTMENT' },
    { key: 'ndrc', name: '市发展和改革委员会', shortName: '发改委', organCode: '泰发改', kind: 'DEPARTMENT', children: [
      { key: 'ndrc.general', name: '综合科', shortName: '综合科', kind: 'DIVISION' },
      { key: 'ndrc.planning', name: '规划科', shortName: '规划科', kind: 'DIVISION' },
    ] },
    { key: 'finance', name: '市财政局', shortName: '财政局', organCode: '泰财', kind: 'DEPARTMENT', children: [
      { key: 'finance.budget', name: '预算科', shortName: '预算科', kind: 'DIVISION' },
      { key: 'finance.treasury', name: '国库科', shortName: '国库科', kind: 'DIVISION' },
    ] },
    { key: 'education', name: '市教育局', shortName: '教育局', organCode: '泰教', kind: 'DEPARTMENT' },
    { key: 'health', name: '市卫生健康委员会', shortName: '卫健委', organCode: '泰卫健', kind: 'DEPARTMENT' },
    { key: 'emergency', name: '市应急管理局', shortName: '应急管理局', organCode: '泰应急', kind: 'DEPARTMENT', children: [
      { key: 'emergency.command', name: '应急指挥科', shortName: '指挥科', kind: 'DIVISION' },
    ] },
    { key: 'resources', name: '市自然资源和规划局', shortName: '自然资源局', organCode: '泰自然资源', kind: 'DEPARTMENT' },
    { key: 'housing', name: '市住房和城乡建设局', shortName: '住建局', organCode: '泰建', kind: 'DEPARTMENT' },
    { key: 'environment', name: '市生态环境局', shortName: '生态环境局', organCode: '泰环', kind: 'DEPARTMENT' },
    { key: 'hrss', name: '市人力资源和社会保障局', shortName: '人社局', organCode: '泰人社', kind: 'DEPARTMENT' },
    { key: 'dongping', name: '东平区人民政府', shortName: '东平区政府', organCode: '东政', kind: 'COUNTY', children: [
      { key: 'dongping.office', name: '区政府办公室', shortName: '区府办', organCode: '东政办', kind: 'DEPARTMENT' },
      // The district's departments: 承办 units for what its office receives, each with a head and a leader in charge.
      { key: 'dongping.emergency', name: '区应急管理局', shortName: '区应急局', organCode: '东应急', kind: 'DEPARTMENT' },
      { key: 'dongping.education', name: '区教育局', shortName: '区教育局', organCode: '东教', kind: 'DEPARTMENT' },
      { key: 'dongping.housing', name: '区住房和城乡建设局', shortName: '区住建局', organCode: '东建', kind: 'DEPARTMENT' },
    ] },
  ],
}

export type DemoPerson = {
  account: string
  name: string
  posts: { unit: string; title: string; leaderRank?: LeaderRank }[]
  charges?: string[]
  /** System roles, granted over the whole city or over the named unit (and the units under it). */
  roles?: (string | { role: string; unit: string })[]
  /** Enrolled in the second factor with DEMO_TOTP_SECRET (their roles require one). */
  hasDemoSecondFactor?: boolean
}

/** The named demo accounts listed in README.md; everyone else is generated. */
export const demoPeople: DemoPerson[] = [
  { account: 'leader', name: '陈建国', posts: [{ unit: 'city', title: '市长', leaderRank: 'PRINCIPAL' }], charges: ['office', 'supervision'], roles: ['notice-sender'] },
  { account: 'deputy', name: '刘海涛', posts: [{ unit: 'city', title: '常务副市长', leaderRank: 'DEPUTY' }], charges: ['ndrc', 'finance', 'hrss'], roles: ['notice-sender'] },
  { account: 'deputy2', name: '赵雅琴', posts: [{ unit: 'city', title: '副市长', leaderRank: 'DEPUTY' }], charges: ['education', 'health'] },
  { account: 'deputy3', name: '孙振华', posts: [{ unit: 'city', title: '副市长', leaderRank: 'DEPUTY' }], charges: ['emergency', 'resources', 'housing', 'environment'] },
  { account: 'secgen', name: '周文斌', posts: [{ unit: 'office', title: '秘书长', leaderRank: 'PRINCIPAL' }, { unit: 'supervision', title: '主任（兼）', leaderRank: 'PRINCIPAL' }], roles: ['notice-sender'] },
  { account: 'head', name: '吴明', posts: [{ unit: 'office.secretariat', title: '科长', leaderRank: 'PRINCIPAL' }] },
  { account: 'clerk', name: '王芳', posts: [{ unit: 'office.registry', title: '科员' }], roles: [{ role: 'registry-clerk', unit: 'office' }] },
  // Documents (公文): drafters in the secretariat (head: 吴明), countersigning heads, the district's registry and leaders.
  { account: 'drafter', name: '张伟', posts: [{ unit: 'office.secretariat', title: '科员' }] },
  { account: 'drafter2', name: '李娜', posts: [{ unit: 'office.secretariat', title: '科员' }] },
  { account: 'finhead', name: '钱国栋', posts: [{ unit: 'finance', title: '局长', leaderRank: 'PRINCIPAL' }] },
  { account: 'ndrchead', name: '孙立平', posts: [{ unit: 'ndrc', title: '主任', leaderRank: 'PRINCIPAL' }] },
  { account: 'dpclerk', name: '林晓', posts: [{ unit: 'dongping.office', title: '文书' }], roles: [{ role: 'registry-clerk', unit: 'dongping' }] },
  { account: 'dphead', name: '马强', posts: [{ unit: 'dongping.office', title: '主任', leaderRank: 'PRINCIPAL' }] },
  { account: 'dpleader', name: '郭立新', posts: [{ unit: 'dongping', title: '区长', leaderRank: 'PRINCIPAL' }], charges: ['dongping.office'] },
  { account: 'dpdeputy', name: '何振宇', posts: [{ unit: 'dongping', title: '副区长', leaderRank: 'DEPUTY' }], charges: ['dongping.emergency', 'dongping.education', 'dongping.housing'] },
  { account: 'dpemhead', name: '邓卫东', posts: [{ unit: 'dongping.emergency', title: '局长', leaderRank: 'PRINCIPAL' }] },
  { account: 'admin', name: '李思远', posts: [{ unit: 'office.general', title: '信息化管理员' }], roles: ['system-admin'], hasDemoSecondFactor: true },
  { account: 'secadmin', name: '郑晓东', posts: [{ unit: 'office.general', title: '安全管理员' }], roles: ['security-admin'], hasDemoSecondFactor: true },
  { account: 'auditor', name: '黄丽华', posts: [{ unit: 'office.general', title: '安全审计员' }], roles: ['auditor'], hasDemoSecondFactor: true },
]

/** Electronic seals (电子印章) of the demo organisations, and who may use them. */
export const demoSeals: { unit: string; name: string; holders: string[] }[] = [
  { unit: 'office', name: '泰和市人民政府办公室', holders: ['clerk'] },
  { unit: 'dongping.office', name: '东平区人民政府办公室', holders: ['dpclerk'] },
]

/**
 * The names the demo organs sign with (`Unit.fullName`: organ mark and signature), as on their seals;
 * the directory calls them by the shorter names their city uses (市政府办公室).
 */
export const demoFullNames: Record<string, string> = {
  city: '泰和市人民政府',
  office: '泰和市人民政府办公室',
  supervision: '泰和市人民政府督查室',
  ndrc: '泰和市发展和改革委员会',
  finance: '泰和市财政局',
  education: '泰和市教育局',
  health: '泰和市卫生健康委员会',
  emergency: '泰和市应急管理局',
  resources: '泰和市自然资源和规划局',
  housing: '泰和市住房和城乡建设局',
  environment: '泰和市生态环境局',
  hrss: '泰和市人力资源和社会保障局',
  dongping: '东平区人民政府',
  'dongping.office': '东平区人民政府办公室',
  'dongping.emergency': '东平区应急管理局',
  'dongping.education': '东平区教育局',
  'dongping.housing': '东平区住房和城乡建设局',
}

export const DEMO_PASSWORD = 'Xietong@2026'

/**
 * The TOTP secret (base32, 30-second codes, 6 digits, SHA-1) of the three demo administrators (admin,
 * secadmin, auditor), whose roles require a second factor: add it to an authenticator app to sign in
 * as them; the e2e helpers compute their codes from it. Fixed and public: demo data only.
 */
export const DEMO_TOTP_SECRET = 'XIETONGDEMOTOTPXIETONGDEMOTOTP23'

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const givenNames = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '文', '华', '红', '建平', '志强', '晓燕', '海燕', '俊', '婷', '宇', '浩然', '子涵', '欣怡', '思远', '嘉怡', '雨桐', '国庆', '卫东', '晓明', '春梅', '立新', '振宇', '佳琪']

/** Deterministic pseudo-random numbers (mulberry32): the same seed gives the same demo city. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function randomChineseName(random: () => number): string {
  const s = surnames[Math.floor(random() * surnames.length)]!
  const g = givenNames[Math.floor(random() * givenNames.length)]!
  return s + g
}
