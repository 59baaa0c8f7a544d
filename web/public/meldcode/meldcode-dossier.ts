import type { Answers, Outcome } from '../../../src/domain/meldcode/afwegingskader.ts';
import type { ChildcareRoute, Sector } from '../../../src/domain/meldcode/sector-labels.ts';

// The dossier of the meldcode tool, shared by its start page and its steps (two chunks). It lives
// in this tab only: React state, mirrored to sessionStorage so a reload does not lose work.

export type StepNo = 1 | 2 | 3 | 4 | 5;
const STORAGE_KEY = 'signaal.meldcode';

export interface Dossier {
  sector: Sector | '';
  route: ChildcareRoute | null;
  municipalityCode: string;
  /** 0 is the start page. */
  step: 0 | StepNo;
  reached: number[];
  signals: string[];
  notes: Record<'1' | '2' | '3' | '4' | '5', string>;
  answers: Answers;
  closeReason: string;
  monitoring: string;
  adviceReference: string | null;
  meldingReference: string | null;
  outcome: Outcome | null;
}

export const EMPTY: Dossier = { sector: '', route: null, municipalityCode: '', step: 0, reached: [], signals: [], notes: { '1': '', '2': '', '3': '', '4': '', '5': '' }, answers: {}, closeReason: '', monitoring: '', adviceReference: null, meldingReference: null, outcome: null };

export function load(): Dossier {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? { ...EMPTY, ...(JSON.parse(raw) as Partial<Dossier>) } : EMPTY;
  } catch {
    return EMPTY;
  }
}

export function save(d: Dossier): void {
  try {
    if (d === EMPTY) sessionStorage.removeItem(STORAGE_KEY);
    else sessionStorage.setItem(STORAGE_KEY, JSON.stringify(d));
  } catch {
    // storage disabled or full: the dossier still lives in memory
  }
}

/** Counts a step without content; a lost count never bothers the professional. */
export function track(sector: string, event: string, municipalityCode: string): void {
  void fetch('/api/public/meldcode/usage', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sector, event, municipalityCode: municipalityCode || null }),
    credentials: 'omit',
    keepalive: true,
  }).catch(() => undefined);
}
