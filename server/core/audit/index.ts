export { recordAudit, type AuditEntry } from './record-audit.ts'
export { verifyAuditChain, type ChainVerdict } from './verify-audit-chain.ts'
export { GENESIS_HASH } from './chain.ts'
export { listAuditEvents, type AuditFilter } from './list-audit-events.ts'
