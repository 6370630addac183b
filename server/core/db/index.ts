export { db, createDb, disconnectDb, poolStats, type Db, type Tx } from './client.ts'
export { Prisma } from './generated/client.ts'
export type * from './generated/models.ts'
export * from './generated/enums.ts'
