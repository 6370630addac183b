/**
 * Prisma's schema engine, run offline from `@prisma/schema-engine-wasm`.
 *
 * The Prisma CLI downloads a native engine binary before every migrate command, and this project must
 * install and run with no network but the npm registry. The wasm build of the same engine does the
 * same work (diff, apply, drift checks) through a driver adapter. Three known pitfalls are handled
 * here (../shared/FACTS.md): `"char"` columns, the shadow database factory, and the panic registry.
 */
import { readFile, readdir } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import pg from 'pg'
import { PrismaPg } from '@prisma/adapter-pg'
import { ColumnTypeEnum, bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg'

const require = createRequire(import.meta.url)

export const projectRoot = path.resolve(import.meta.dirname, '../..')
export const schemaPath = path.join(projectRoot, 'prisma/schema.prisma')
export const migrationsDir = path.join(projectRoot, 'prisma/migrations')

const PG_CHAR_OID = 18

type Queryable = {
  client: { query: (sql: string) => Promise<unknown> }
  executeScript: (script: string) => Promise<void>
  onError: (error: unknown) => never
  queryRaw: (q: unknown) => Promise<{ columnTypes: number[] }>
  performIO: (q: unknown) => Promise<{ fields: { dataTypeID: number }[] }>
  startTransaction?: (...args: unknown[]) => Promise<Queryable>
}

/**
 * adapter-pg's `executeScript` splits a script on every ";" — which breaks any function body — and
 * runs the pieces one by one, so a failing migration is left half applied. Sent whole through the
 * simple query protocol, a migration runs as one implicit transaction.
 *
 * adapter-pg has no mapping for PostgreSQL's internal `"char"` type (OID 18), which the engine reads
 * from the catalogue. Each call gets its own view of the adapter whose `performIO` rewrites those
 * columns to text, and the result reports them as the Character column type.
 */
function patchAdapter<T extends Queryable>(adapter: T): T {
  adapter.executeScript = async (script: string) => {
    try {
      await adapter.client.query(script)
    } catch (error) {
      adapter.onError(error)
    }
  }
  const queryRaw = adapter.queryRaw
  adapter.queryRaw = async function (query: unknown) {
    const charColumns: number[] = []
    const view = Object.create(adapter) as Queryable
    view.performIO = async (q: unknown) => {
      const result = await adapter.performIO(q)
      result.fields.forEach((field, i) => {
        if (field.dataTypeID === PG_CHAR_OID) {
          charColumns.push(i)
          field.dataTypeID = pg.types.builtins.TEXT
        }
      })
      return result
    }
    const result = await queryRaw.call(view, query)
    for (const i of charColumns) result.columnTypes[i] = ColumnTypeEnum.Character
    return result
  }
  const startTransaction = adapter.startTransaction
  if (startTransaction) {
    adapter.startTransaction = async (...args: unknown[]) =>
      patchAdapter(await startTransaction.apply(adapter, args))
  }
  return adapter
}

function databaseUrlWithName(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

/**
 * Our own adapter factory. PrismaPg's `connectToShadowDb` connects to the main database (the
 * connection string overrides `database`) and drops the shadow database before closing its pool.
 */
function adapterFactory(url: string, opened: { dispose: () => Promise<void> }[]) {
  const main = new PrismaPg({ connectionString: url })
  return {
    provider: 'postgres' as const,
    adapterName: '@prisma/adapter-pg',
    async connect() {
      const adapter = await main.connect()
      opened.push(adapter)
      return patchAdapter(adapter as unknown as Queryable)
    },
    async connectToShadowDb() {
      const name = `xietong_shadow_${crypto.randomUUID().replaceAll('-', '')}`
      const admin = new pg.Client({ connectionString: url })
      await admin.connect()
      await admin.query(`CREATE DATABASE "${name}"`)
      await admin.end()
      const shadow = await new PrismaPg({ connectionString: databaseUrlWithName(url, name) }).connect()
      const dispose = shadow.dispose.bind(shadow)
      shadow.dispose = async () => {
        await dispose()
        const cleanup = new pg.Client({ connectionString: url })
        await cleanup.connect()
        await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
        await cleanup.end()
      }
      return patchAdapter(shadow as unknown as Queryable)
    },
  }
}

let wasmReady: Promise<void> | undefined
function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const wasmFile = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm')), 'schema_engine_bg.wasm')
    const { instance } = await WebAssembly.instantiate(await readFile(wasmFile), {
      './schema_engine_bg.js': bg as unknown as WebAssembly.ModuleImports,
    })
    const exports = instance.exports as unknown as { __wbindgen_start: () => void }
    bg.__wbg_set_wasm(exports)
    exports.__wbindgen_start()
    // Without a registry, engine panics surface as unrelated TypeErrors.
    const registry = { message: '', set_message(m: string) { registry.message = m } }
    ;(globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY = registry
  })()
  return wasmReady
}

export type SchemaEngine = Awaited<ReturnType<typeof bg.SchemaEngine.new>>

export async function withSchemaEngine<T>(url: string, work: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  await loadWasm()
  const log = (line: string) => {
    if (process.env.PRISMA_ENGINE_LOG) console.error(line)
  }
  // The engine does not close its connections when freed; we do, or the database stays in use.
  const opened: { dispose: () => Promise<void> }[] = []
  const engine = await bg.SchemaEngine.new(
    { datamodels: undefined },
    log,
    bindMigrationAwareSqlAdapterFactory(adapterFactory(url, opened) as never),
  )
  try {
    return await work(engine)
  } finally {
    engine.free()
    await Promise.all(opened.map((a) => a.dispose().catch(() => undefined)))
  }
}

export const noFilter = { externalTables: [], externalEnums: [] }

export async function readMigrationsList() {
  const dirs = existsSync(migrationsDir)
    ? (await readdir(migrationsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : []
  const lockPath = path.join(migrationsDir, 'migration_lock.toml')
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: 'migration_lock.toml',
      content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      dirs.map(async (name) => {
        const file = path.join(migrationsDir, name, 'migration.sql')
        return {
          path: name,
          migrationFile: {
            path: 'migration.sql',
            content: existsSync(file)
              ? { tag: 'ok' as const, value: await readFile(file, 'utf8') }
              : { tag: 'error' as const, value: 'migration.sql is missing' },
          },
        }
      }),
    ),
  }
}

export async function readSchema() {
  return { files: [{ path: schemaPath, content: await readFile(schemaPath, 'utf8') }] }
}
