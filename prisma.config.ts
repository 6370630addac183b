import { defineConfig } from 'prisma/config'

// `prisma generate` needs no engine, but the CLI looks for a native schema engine before any command
// and would download one. Migrations run through the wasm engine instead (scripts/db/migrate.ts), so
// point the CLI at an existing file to keep it offline.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= 'package.json'
process.env.CHECKPOINT_DISABLE ??= '1'

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
})
