import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { outcomeOf, weigh, type Outcome } from '../../domain/meldcode/afwegingskader.ts';
import type { CodewordPath } from '../../domain/meldcode/codeword.ts';
import { SECTOR_CONTENT } from '../../domain/meldcode/sectors.ts';
import { amsterdamDate } from '../../domain/deadlines/amsterdam-time.ts';
import { amsterdamYear, regionOfMunicipality } from '../intake/intake.service.ts';
import { MeldcodeError } from './meldcode.errors.ts';
import type { DossierContent } from './meldcode.schema.ts';

type Executor = Transaction<DB> | Kysely<DB>;

/** Events of the meldcode tool that are counted (no person data: month, region, sector, event). */
export const USAGE_EVENTS = ['gestart', 'stap-1', 'stap-2', 'stap-3', 'stap-4', 'stap-5', 'advies-gevraagd', 'uitkomst-melding', 'uitkomst-hulp-met-monitoring', 'uitkomst-afgesloten'] as const;
export type UsageEvent = (typeof USAGE_EVENTS)[number];

/** Region of a municipality for counting; 'onbekend' when not given or not known. */
export async function countingRegion(db: Executor, municipalityCode: string | null, at: Date): Promise<string> {
  if (!municipalityCode) return 'onbekend';
  return (await regionOfMunicipality(db, municipalityCode, amsterdamYear(at))) ?? 'onbekend';
}

/** First day of the Amsterdam month of an instant, as YYYY-MM-01. */
export function monthOf(at: Date): string {
  return `${amsterdamDate(at).slice(0, 7)}-01`;
}

export async function countUsage(db: Executor, e: { at: Date; regionCode: string; sector: string; event: UsageEvent }): Promise<void> {
  await db
    .insertInto('meldcode_usage')
    .values({ month: monthOf(e.at), region_code: e.regionCode, sector: e.sector, event: e.event, count: 1 })
    .onConflict((oc) => oc.columns(['month', 'region_code', 'sector', 'event']).doUpdateSet({ count: sql`meldcode_usage.count + 1` }))
    .execute();
}

export async function recordCodewordUse(db: Executor, u: { at: Date; regionCode: string; path: CodewordPath; contactId: string | null }): Promise<string> {
  const row = await db.insertInto('codeword_use').values({ used_on: amsterdamDate(u.at), region_code: u.regionCode, path: u.path, contact_id: u.contactId }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Checks a dossier against the sector's content and derives its outcome from the answers. A
 * closed dossier records why; help with monitoring records the monitoring agreements.
 */
export function checkDossier(d: DossierContent): Outcome | null {
  const known = new Set(SECTOR_CONTENT[d.sector].signals.map((s) => s.code));
  const unknown = d.signals.find((s) => !known.has(s));
  if (unknown) throw new MeldcodeError(400, 'unknown_signal', `Onbekend signaal voor deze sector: ${unknown}`);
  if (d.route && !SECTOR_CONTENT[d.sector].routes) throw new MeldcodeError(400, 'route_only_childcare', 'Alleen de kinderopvang kent routes');
  const outcome = outcomeOf(weigh(d.answers));
  if (outcome === 'afgesloten' && !d.closeReason.trim()) throw new MeldcodeError(400, 'close_reason_required', 'Leg vast waarom u het dossier afsluit');
  if (outcome === 'hulp-met-monitoring' && !d.monitoring.trim()) throw new MeldcodeError(400, 'monitoring_required', 'Leg de afspraken over het volgen van de veiligheid vast');
  return outcome;
}

/** A dossier without an outcome that has not changed for this long is shown as stalled. */
export const STALLED_AFTER_DAYS = 7;

export function isStalled(updatedAt: Date, outcome: string | null, now: Date): boolean {
  return outcome === null && now.getTime() - updatedAt.getTime() > STALLED_AFTER_DAYS * 24 * 3600 * 1000;
}
