export const e2ePort = Number(process.env.E2E_PORT ?? 3100)
export const baseURL = process.env.E2E_BASE_URL ?? `http://localhost:${e2ePort}`
