export { startRealtimeServer, type RealtimeServer } from './server.ts'
export { defaultLimits, type Limits } from './limits.ts'
