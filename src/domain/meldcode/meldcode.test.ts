import { describe, expect, it } from 'vitest';
import { REPORTER_GROUPS } from '../contacts/vocabulary.ts';
import { outcomeOf, relevantAnswers, weigh } from './afwegingskader.ts';
import { codewordAction, CODEWORD_PATHS } from './codeword.ts';
import { SECTOR_CONTENT, SECTOR_ROUTES, SECTORS } from './sectors.ts';

describe('afwegingskader', () => {
  it('asks the questions in order, starting with question 1', () => {
    expect(weigh({})).toEqual({ kind: 'question', question: 1, helpUnderway: false });
    expect(weigh({ q1: true })).toEqual({ kind: 'question', question: 2, helpUnderway: false });
    expect(weigh({ q1: true, q2: false })).toEqual({ kind: 'question', question: 3, helpUnderway: false });
    expect(weigh({ q1: true, q2: false, q3: true })).toEqual({ kind: 'question', question: 4, helpUnderway: false });
  });

  it('1 nee: close, no suspicion', () => {
    expect(weigh({ q1: false })).toEqual({ kind: 'close', reason: 'geen-vermoeden' });
    expect(outcomeOf(weigh({ q1: false }))).toBe('afgesloten');
  });

  it('2 ja: report, and questions 3-5 are answered with Veilig Thuis', () => {
    expect(weigh({ q1: true, q2: true })).toEqual({ kind: 'melding', reason: 'acute-of-structurele-onveiligheid', restWithVeiligThuis: true });
  });

  it('3 nee and 4 nee: report', () => {
    expect(weigh({ q1: true, q2: false, q3: false })).toMatchObject({ kind: 'melding', reason: 'geen-passende-hulp', restWithVeiligThuis: false });
    expect(weigh({ q1: true, q2: false, q3: true, q4: false })).toMatchObject({ kind: 'melding', reason: 'hulp-niet-aanvaard' });
  });

  it('4 ja: help first, then question 5', () => {
    expect(weigh({ q1: true, q2: false, q3: true, q4: true })).toEqual({ kind: 'question', question: 5, helpUnderway: true });
  });

  it('5 nee: report (again); 5 ja: close the help with monitoring agreements', () => {
    const base = { q1: true, q2: false, q3: true, q4: true } as const;
    expect(weigh({ ...base, q5: false })).toMatchObject({ kind: 'melding', reason: 'hulp-onvoldoende-resultaat' });
    expect(weigh({ ...base, q5: true })).toEqual({ kind: 'help-with-monitoring' });
    expect(outcomeOf(weigh({ ...base, q5: true }))).toBe('hulp-met-monitoring');
    expect(outcomeOf(weigh({ ...base, q5: false }))).toBe('melding');
    expect(outcomeOf(weigh(base))).toBeNull();
  });

  it('ignores answers after the deciding question, so a changed answer gives its own branch', () => {
    const changed = { q1: true, q2: true, q3: true, q4: true, q5: true };
    expect(weigh(changed)).toMatchObject({ kind: 'melding', reason: 'acute-of-structurele-onveiligheid' });
    expect(relevantAnswers(changed)).toEqual({ q1: true, q2: true });
    expect(relevantAnswers({ q1: false, q2: true })).toEqual({ q1: false });
    expect(relevantAnswers({ q1: true, q3: true })).toEqual({ q1: true });
  });
});

describe('sectors', () => {
  it('gives every sector signals, a known reporter group and a label in both languages', () => {
    for (const s of SECTORS) {
      const c = SECTOR_CONTENT[s];
      expect(c.signals.length, s).toBeGreaterThan(0);
      expect(REPORTER_GROUPS).toContain(c.reporterGroup);
      expect(c.label.nl && c.label.en, s).toBeTruthy();
      expect(new Set(c.signals.map((x) => x.code)).size, `${s} signal codes unique`).toBe(c.signals.length);
    }
  });

  it('offers the same routes on the start page (SECTOR_ROUTES) as in the sector content', () => {
    for (const s of SECTORS) expect(SECTOR_ROUTES[s], s).toEqual(SECTOR_CONTENT[s].routes);
  });

  it('gives education and childcare the duty to report to the inspectorate, and childcare its three routes', () => {
    expect(SECTORS.filter((s) => SECTOR_CONTENT[s].inspectorateDuty)).toEqual(['onderwijs', 'kinderopvang']);
    expect(SECTOR_CONTENT.kinderopvang.routes).toEqual(['thuis', 'medewerker', 'tussen-kinderen']);
    expect(SECTORS.filter((s) => SECTOR_CONTENT[s].routes)).toEqual(['kinderopvang']);
  });
});

describe('codeword Masker 19', () => {
  it('sends acute danger to 112 without registering anything first', () => {
    expect(codewordAction('acuut')).toEqual({ call112: true, callTogetherNow: false, safeContactMoment: false, registersAdvice: false });
  });
  it('alone: call Veilig Thuis together now; accompanied: a safe contact moment, Veilig Thuis afterwards', () => {
    expect(codewordAction('alleen')).toMatchObject({ callTogetherNow: true, registersAdvice: true, call112: false });
    expect(codewordAction('begeleid')).toMatchObject({ callTogetherNow: false, safeContactMoment: true, registersAdvice: true });
    expect(CODEWORD_PATHS).toHaveLength(3);
  });
});
