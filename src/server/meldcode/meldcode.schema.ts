import { z } from 'zod';
import { OUTCOMES } from '../../domain/meldcode/afwegingskader.ts';
import { CHILDCARE_ROUTES, SECTORS } from '../../domain/meldcode/sectors.ts';

const note = z.string().max(4000).default('');

/**
 * A meldcode dossier as the tool keeps it: in the browser tab (public tool) or, for organisations
 * with an account, in meldcode_dossier. The outcome is never taken from here: the server derives
 * it from the answers with the afwegingskader (domain/meldcode/afwegingskader.ts).
 */
export const dossierContent = z.strictObject({
  sector: z.enum(SECTORS),
  route: z.enum(CHILDCARE_ROUTES).nullable().default(null),
  step: z.number().int().min(1).max(5).default(1),
  signals: z.array(z.string().regex(/^[a-z-]{1,40}$/)).max(40).default([]),
  notes: z.strictObject({ '1': note, '2': note, '3': note, '4': note, '5': note }).default({ '1': '', '2': '', '3': '', '4': '', '5': '' }),
  answers: z.strictObject({ q1: z.boolean().optional(), q2: z.boolean().optional(), q3: z.boolean().optional(), q4: z.boolean().optional(), q5: z.boolean().optional() }).default({}),
  /** Why the dossier was closed (outcome afgesloten): recorded in the own file. */
  closeReason: z.string().max(2000).default(''),
  /** Agreements on monitoring future (un)safety (outcome hulp-met-monitoring). */
  monitoring: z.string().max(2000).default(''),
  adviceReference: z.string().regex(/^[A-HJ-NP-Z2-9]{8}$/).nullable().default(null),
  meldingReference: z.string().regex(/^[A-HJ-NP-Z2-9]{8}$/).nullable().default(null),
});
export type DossierContent = z.infer<typeof dossierContent>;

export const outcomeSchema = z.enum(OUTCOMES).nullable();
