import { expect } from 'vitest'
import { AppError } from '../core/errors.ts'

/** Await a promise that must fail with an AppError of this code; returns the error. */
export async function expectAppError(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e)
  expect(error).toBeInstanceOf(AppError)
  expect((error as AppError).code).toBe(code)
  return error as AppError
}
