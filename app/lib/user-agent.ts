/**
 * A device as a person recognises it — "Chrome · Windows", "微信 · iOS" — from a User-Agent string,
 * for the list of signed-in devices. Order matters: Edge and 微信 also say Chrome/Safari, Chrome says Safari.
 */
const browsers: [RegExp, string][] = [
  [/MicroMessenger\//, 'WeChat'],
  [/DingTalk\//, 'DingTalk'],
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
  [/Safari\//, 'Safari'],
]

const systems: [RegExp, string][] = [
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/HarmonyOS|OpenHarmony/, 'HarmonyOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
]

export type DeviceName = { browser: string | null; os: string | null }

export function describeUserAgent(ua: string | null | undefined): DeviceName {
  if (!ua) return { browser: null, os: null }
  const os = systems.find(([re]) => re.test(ua))?.[1] ?? null
  // HarmonyOS browsers also say Android; the named system wins.
  const harmony = /HarmonyOS|OpenHarmony/.test(ua)
  return { browser: browsers.find(([re]) => re.test(ua))?.[1] ?? null, os: harmony ? 'HarmonyOS' : os }
}
