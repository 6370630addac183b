/**
 * 公车预约's demo data (called from server/microapps/demo.ts inside the seed's transaction): three
 * vehicles of the city's motor pool and the vehicle office (车管) — 秘书长 and 常务副市长, who may also
 * send notices, so the app can tell a booker the decision through the SDK's notify.
 */
import type { Tx } from '../../server/core/db/index.ts'

export const DEMO_VEHICLES = [
  { plate: '泰A·G1001', model: '别克 GL8 商务车', seats: 7 },
  { plate: '泰A·G1002', model: '大众帕萨特', seats: 5 },
  { plate: '泰A·G1003', model: '丰田考斯特中巴', seats: 20 },
]
export const DEMO_OFFICERS = ['secgen', 'deputy']

export async function seedVehiclesDemo(tx: Tx, personIds: Map<string, string>): Promise<void> {
  await tx.vehicle.createMany({ data: DEMO_VEHICLES })
  const people = await tx.person.findMany({ where: { id: { in: DEMO_OFFICERS.map((a) => personIds.get(a)!).filter(Boolean) } }, select: { id: true, name: true } })
  await tx.vehicleOfficer.createMany({ data: people.map((p) => ({ personId: p.id, name: p.name })) })
}
