/**
 * What a micro-app may ask for. Each bridge API names the scope it needs (null: none) and, where the
 * person needs a right of their own for it, the check that decides (bridge.ts): an app never does what
 * the person could not.
 */
export const appScopes = ['user.basic', 'contact.read', 'notify.send', 'file.upload', 'scan'] as const
export type AppScope = (typeof appScopes)[number]

export const bridgeApis = {
  ready: null,
  getAuthCode: 'user.basic',
  getLoginUser: 'user.basic',
  chooseContact: 'contact.read',
  scan: 'scan',
  toast: null,
  openLink: null,
  chooseImage: 'file.upload',
  uploadFile: 'file.upload',
  notify: 'notify.send',
  setBadge: null,
  navigate: null,
} as const satisfies Record<string, AppScope | null>

export type BridgeApi = keyof typeof bridgeApis
export const bridgeApiNames = Object.keys(bridgeApis) as BridgeApi[]

export const appCategories = ['office', 'logistics', 'service', 'survey', 'other'] as const
export type AppCategory = (typeof appCategories)[number]
