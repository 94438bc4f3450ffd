/**
 * The outcome of normalising one cell value.
 *
 * Normalisers never throw on bad input: they return `ok: false` with a stable code and a message
 * a user can act on, or `ok: true` with the clean value and any warnings (e.g. "extension dropped").
 */
export interface NormaliseNote {
  /** Stable kebab-case code, e.g. `phone-extension-dropped`. */
  readonly code: string;
  readonly message: string;
}

export type Normalised<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly NormaliseNote[] }
  | { readonly ok: false; readonly code: string; readonly message: string };

/** A successful result with optional warnings. */
export function accept<T>(value: T, warnings: readonly NormaliseNote[] = []): Normalised<T> {
  return { ok: true, value, warnings };
}

/** A failed result. */
export function reject<T = never>(code: string, message: string): Normalised<T> {
  return { ok: false, code, message };
}
