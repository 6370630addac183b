/**
 * Typed errors with stable codes. The HTTP layer maps a code to its status with `httpStatus`, and the
 * interface shows the message keyed `errors.<code>` in the person's language; details go to logs only.
 */
export const errorCodes = {
  'validation': 400,
  'auth.required': 401,
  'auth.invalid_credentials': 401,
  'auth.account_locked': 423,
  'auth.ip_locked': 429,
  'auth.account_disabled': 403,
  'auth.second_factor_required': 401,
  'auth.second_factor_invalid': 401,
  'auth.second_factor_enrolment_required': 403,
  'auth.password_change_required': 403,
  'auth.csrf': 403,
  'password.too_short': 400,
  'password.too_simple': 400,
  'password.contains_account': 400,
  'password.reused': 400,
  'password.wrong_current': 400,
  'forbidden': 403,
  'not_found': 404,
  'conflict': 409,
  'directory.account_taken': 409,
  'directory.phone_taken': 409,
  'directory.unit_cycle': 409,
  'directory.unit_has_active_members': 409,
  'directory.root_unit': 409,
  'directory.import_invalid': 422,
  'directory.import_file': 400,
  'access.role_in_use': 409,
  'setup.already_done': 409,
  'notice.empty': 400,
  'notice.no_recipients': 400,
  'notice.unit_not_addressable': 403,
  'notice.person_not_addressable': 403,
  'rate_limited': 429,
  'internal': 500,
} as const

export type ErrorCode = keyof typeof errorCodes

export type ErrorParams = Record<string, string | number | Date>

export class AppError extends Error {
  readonly code: ErrorCode
  readonly params: ErrorParams
  /** Structured detail for the client (for example the rows of an import that failed). */
  readonly details?: unknown

  constructor(code: ErrorCode, params: ErrorParams = {}, details?: unknown, cause?: unknown) {
    super(code, { cause })
    this.name = 'AppError'
    this.code = code
    this.params = params
    this.details = details
  }

  get httpStatus(): number {
    return errorCodes[this.code]
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError

export function notFound(): AppError {
  return new AppError('not_found')
}

export function forbidden(): AppError {
  return new AppError('forbidden')
}
