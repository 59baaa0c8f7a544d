import { z } from 'zod';
import {
  CHANNELS,
  CONTACT_KINDS,
  EVENT_TYPES,
  FLAGS,
  ONDERZOEK_OUTCOMES,
  REPORTER_GROUPS,
  REPORTER_TYPES,
  VIOLENCE_TYPES,
} from '../../domain/contacts/vocabulary.ts';

/**
 * One line of the exchange format, exactly as ../shared/contracts/exchange-v1.md has it. Strict
 * objects throughout: an unknown field is usually a misspelt one, and silently dropping it would
 * import the line without the value its sender meant to give.
 */
const isoWithOffset = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 date-time with offset, e.g. 2020-03-01T10:00:00+01:00',
});

export const exchangeEvent = z
  .strictObject({
    type: z.enum(EVENT_TYPES),
    at: isoWithOffset,
    outcome: z.string().min(1).max(100).optional(),
    partner: z.string().min(1).max(200).optional(),
  })
  .refine((e) => e.type !== 'onderzoek' || e.outcome === undefined || (ONDERZOEK_OUTCOMES as readonly string[]).includes(e.outcome), {
    message: `outcome of an onderzoek must be one of ${ONDERZOEK_OUTCOMES.join(', ')}`,
    path: ['outcome'],
  });

export const exchangeLine = z
  .strictObject({
    externalId: z.string().min(1).max(100),
    source: z.string().regex(/^[a-z0-9-]{1,50}$/, 'must be 1-50 characters a-z, 0-9 or -').default('import'),
    kind: z.enum(CONTACT_KINDS),
    receivedAt: isoWithOffset,
    region: z.string().min(1).max(20),
    municipalityCode: z.string().regex(/^GM\d{4}$/, 'must be "GM" and 4 digits, or null').nullable().default(null),
    channel: z.enum(CHANNELS).default('overig'),
    reporter: z.strictObject({
      type: z.enum(REPORTER_TYPES),
      group: z.enum(REPORTER_GROUPS).default('onbekend'),
    }),
    violenceType: z.enum(VIOLENCE_TYPES).optional(),
    flags: z.array(z.enum(FLAGS)).default([]),
    events: z.array(exchangeEvent).default([]),
  })
  .refine((l) => l.kind !== 'melding' || l.violenceType !== undefined, {
    message: 'required for a melding',
    path: ['violenceType'],
  });

export type ExchangeLine = z.output<typeof exchangeLine>;
export type ExchangeEvent = z.output<typeof exchangeEvent>;

/** A one-line reason for a rejected line: the first problem, with the field it is in. */
export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid line';
  const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `'${k}'`).join(', ');
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}${where ? ` in ${where}` : ''}`;
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) return `${where}: required`;
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return `${where || 'line'}: ${issue.message}${more}`;
}
