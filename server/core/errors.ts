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
  'coediting.version_not_found': 404,
  'document.no_organ': 409,
  'document.not_your_unit': 403,
  'document.not_editable': 409,
  'document.stale': 409,
  'document.not_your_turn': 409,
  'document.opinion_required': 400,
  'document.no_template': 409,
  'document.no_participant': 409,
  'document.unit_has_no_head': 409,
  'document.choose_participants': 400,
  'document.cannot_withdraw': 409,
  'document.already_participant': 409,
  'document.number_first': 409,
  'document.distribute_first': 409,
  'document.number_not_reserved': 409,
  'document.number_in_use': 409,
  'document.delegation_period': 400,
  'document.distribution_closed': 409,
  'document.no_registry': 409,
  'document.cannot_archive': 409,
  'document.attachments_locked': 409,
  'document.attachment_type': 415,
  'document.attachment_content': 415,
  'document.attachment_empty': 400,
  'document.attachment_too_large': 413,
  'document.upload_too_large': 413,
  'document.attachment_limit': 409,
  'document.cannot_urge': 403,
  'document.nothing_to_urge': 409,
  'document.urged_recently': 429,
  'document.seal_first': 409,
  'document.not_archived': 409,
  'seal.no_key': 409,
  'seal.key_unavailable': 409,
  'seal.not_holder': 403,
  'seal.inactive': 409,
  'seal.wrong_organ': 409,
  'seal.not_signed_off': 409,
  'seal.image_invalid': 400,
  'seal.image_too_large': 413,
  'seal.file_too_large': 413,
  'seal.has_key': 409,
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
