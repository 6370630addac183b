export { startRealtimeServer, type RealtimeServer, type AccessCheck } from './server.ts'
export { defaultLimits, type Limits } from './limits.ts'
