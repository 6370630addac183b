import { pinyin } from 'pinyin-pro'

/** "张三" → { pinyin: "zhangsan", initials: "zs" }; surnames read as surnames (单 → shan, 曾 → zeng). */
export function nameKeys(name: string): { namePinyin: string; nameInitials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter(Boolean)
  return { namePinyin: syllables.join(''), nameInitials: syllables.map((s) => s[0]).join('') }
}
