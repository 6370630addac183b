/** The browser build served at <APPS_ORIGIN>/sdk.js: the SDK as `window.xt`. */
import * as xt from './index.ts'

;(globalThis as unknown as { xt: typeof xt }).xt = xt
