export { startRealtimeServer, type RealtimeServer, type AccessCheck } from './server.ts'
export { AccessWatch, liveSessions } from './access-watch.ts'
export { defaultLimits, type Limits } from './limits.ts'
