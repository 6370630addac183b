import pino from 'pino'
import { config } from './config.ts'

export const logger = pino({
  level: config().LOG_LEVEL,
  base: { service: 'xietong' },
  redact: ['password', '*.password', 'token', '*.token', 'totpSecret', '*.totpSecret'],
})

export type Logger = pino.Logger
