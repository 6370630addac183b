// A worker thread starts without its parent's TypeScript loader (vitest, or a parent not started by
// tsx): register tsx here, then load the worker itself.
import { register } from 'tsx/esm/api'

register()
await import('./worker.ts')
