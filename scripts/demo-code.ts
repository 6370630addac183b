/**
 * The demo administrators' current authenticator code (admin, secadmin, auditor share the demo secret),
 * for walking the demo without an authenticator app: `npm run demo:code`. A code is accepted once, so
 * after using one wait for the next (the script says how many seconds are left).
 */
import { generate } from 'otplib'
import { DEMO_TOTP_SECRET } from '../server/platform/demo-data.ts'

const now = Math.floor(Date.now() / 1000)
const code = await generate({ secret: DEMO_TOTP_SECRET, epoch: now })
console.log(`${code}  (演示管理员验证码 · demo administrators' code; ${30 - (now % 30)} s left)`)
