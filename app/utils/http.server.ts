import { DomainError } from "~/modules/errors.ts";

/** Runs a module call and turns its domain errors into HTTP error responses. */
export async function run<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof DomainError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}
