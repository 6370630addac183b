import type { Db } from '../core/db/index.ts'
import { clock, shanghaiDate } from '../core/clock.ts'

/** One open of an app by a person (counted per Asia/Shanghai day). */
export async function recordOpen(db: Db, input: { appId: string; personId: string; unitId: string }): Promise<void> {
  const day = shanghaiDate(clock.now())
  await db.$executeRaw`
    INSERT INTO "MicroAppUsage" ("appId", "personId", "unitId", day, opens) VALUES (${input.appId}, ${input.personId}::uuid, ${input.unitId}::uuid, ${day}::date, 1)
    ON CONFLICT ("appId", "personId", day) DO UPDATE SET opens = "MicroAppUsage".opens + 1`
}

/** An app's figures: installs, opens in the last 30 days, and today's daily active people per unit. */
export async function usageFigures(db: Db, appId: string) {
  const today = shanghaiDate(clock.now())
  const [installs, opens, daily] = await Promise.all([
    db.microAppInstall.count({ where: { appId } }),
    db.$queryRaw<{ opens: number }[]>`SELECT coalesce(sum(opens), 0)::int AS opens FROM "MicroAppUsage" WHERE "appId" = ${appId} AND day > ${today}::date - 30`,
    db.$queryRaw<{ unitId: string; unit: string; people: number }[]>`
      SELECT u.id AS "unitId", u.name AS unit, count(*)::int AS people FROM "MicroAppUsage" m JOIN "Unit" u ON u.id = m."unitId"
       WHERE m."appId" = ${appId} AND m.day = ${today}::date GROUP BY u.id, u.name ORDER BY people DESC LIMIT 50`,
  ])
  return { installs, opens30: opens[0]?.opens ?? 0, dailyActive: daily }
}
