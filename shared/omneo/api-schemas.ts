/**
 * The shapes of Omneo API answers the importer reads, as zod schemas.
 *
 * Every answer is parsed before use, so a server that changes shape gives a clear "unexpected
 * answer" instead of a crash deep in the runner. Objects are loose (unknown keys are kept and
 * ignored) because Omneo adds fields freely. Sources: ../shared/omneo-api.md — the batch endpoint
 * and `GET /batches/{id}` (confirmed in omneo-sdk), Laravel-style 422 errors (confirmed in the docs).
 */
import { z } from 'zod';

/** Omneo ids arrive as strings or numbers depending on the endpoint; we keep them as strings. */
export const idSchema = z.union([z.string().min(1), z.number()]).transform((id) => String(id));

/** Unwraps the `{ "data": … }` envelope when present, so both enveloped and bare bodies parse. */
function enveloped<T extends z.ZodType>(inner: T) {
  return z.preprocess(
    (body) =>
      typeof body === 'object' && body !== null && 'data' in body && !Array.isArray(body)
        ? (body as { data: unknown }).data
        : body,
    inner,
  );
}

/** `POST /profiles/batch` → 200/202 `{"data":{"message":"Profiles queued for batch import.","batch_id":"…"}}`. */
export const batchAcceptedSchema = enveloped(
  z.looseObject({ message: z.string().optional(), batch_id: idSchema }),
);
export type BatchAccepted = z.infer<typeof batchAcceptedSchema>;

/** 422 `{"message": "...", "errors": {"profiles.3.email": ["…"]}}` (Laravel validation). */
export const validationErrorSchema = z.looseObject({
  message: z.string().optional(),
  errors: z.record(z.string(), z.union([z.array(z.string()), z.string().transform((s) => [s])])),
});
export type ValidationError = z.infer<typeof validationErrorSchema>;

/** Any error body with a `message` (401 `{"message":"Unauthenticated."}`, 403, 404, 5xx). */
export const messageSchema = z.looseObject({ message: z.string() });

/** Where a queued batch is: `pending` until processed, then `success` or `failed`. */
export const batchStatusValues = ['pending', 'success', 'failed'] as const;

/** One record of a processed batch. `status` is the item's outcome, e.g. `created`, `updated`, `failed`. */
export const batchItemSchema = z.looseObject({
  id: idSchema.nullish(),
  entity_id: idSchema.nullish(),
  external_id: z.union([z.string(), z.number()]).nullish(),
  status: z.string(),
  error: z.union([z.string(), z.array(z.string()), z.record(z.string(), z.unknown())]).nullish(),
});
export type BatchItem = z.infer<typeof batchItemSchema>;

/** `GET /batches/{batch_id}` — status, counts and per-item outcomes (omneo-sdk `Batch`). */
export const batchStatusSchema = enveloped(
  z.looseObject({
    id: idSchema,
    import_job_id: z.union([z.string(), z.number()]).nullish(),
    entity_type: z.string().nullish(),
    total_count: z.number().nullish(),
    status: z.string(),
    success_count: z.number().nullish(),
    failed_count: z.number().nullish(),
    processed_count: z.number().nullish(),
    items: z.array(batchItemSchema).nullish(),
  }),
);
export type BatchStatus = z.infer<typeof batchStatusSchema>;

/** `GET /users/me` — the token's user; `throttle` is the request allowance when the tenant sets one. */
export const currentUserSchema = enveloped(
  z.looseObject({
    id: idSchema.nullish(),
    name: z.string().nullish(),
    email: z.string().nullish(),
    roles: z.array(z.unknown()).nullish(),
    throttle: z.unknown().optional(),
  }),
);
export type CurrentUser = z.infer<typeof currentUserSchema>;

/** Whether a batch status means processing is over (anything but `pending`/`processing`/`queued`). */
export function isBatchSettled(status: string): boolean {
  return !['pending', 'processing', 'queued', 'in_progress'].includes(status.toLowerCase());
}
