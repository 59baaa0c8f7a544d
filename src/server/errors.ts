/**
 * The base of every module's error type. A module declares its own subclass with a union of
 * string-literal codes, so the set of codes a client can see is written down per module.
 * Only AppErrors reach a client with their message; anything else becomes a 500 without detail.
 */
export class AppError<Code extends string = string> extends Error {
  override name = 'AppError';
  constructor(
    readonly statusCode: number,
    readonly code: Code,
    message: string,
    readonly details?: unknown,
    /** When set, the global handler records the refusal in the audit trail. */
    readonly audit?: { action: string; recordType?: string; recordId?: string; reason: string },
  ) {
    super(message);
  }
}

export type CommonErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'unauthenticated'
  | 'session_expired'
  | 'forbidden'
  | 'csrf_failed'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'service_unavailable'
  | 'upgrade_required'
  | 'internal_error';

export class HttpError extends AppError<CommonErrorCode> {}

/**
 * A record that does not exist and a record outside the caller's scope answer the same 404, so
 * ids of other regions cannot be probed. The attempt is audited as denied either way.
 */
export function recordNotFound(recordType: string, recordId: string, action: string): HttpError {
  return new HttpError(404, 'not_found', 'Niet gevonden', undefined, {
    action,
    recordType,
    recordId,
    reason: 'not found or outside scope',
  });
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a path id can be a record id at all: anything else is answered as not found. */
export function isUuid(id: string): boolean {
  return UUID_PATTERN.test(id);
}
