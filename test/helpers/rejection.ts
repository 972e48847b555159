import { LatchError } from '../../src/client/errors.js';

/** The LatchError a promise rejects with; fails the test if it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<LatchError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LatchError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}
