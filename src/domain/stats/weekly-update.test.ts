import { describe, expect, it } from 'vitest';
import {
  acuteShare,
  changeNote,
  DEFAULT_NOTABILITY,
  formatIsoWeek,
  isoWeekDates,
  isoWeekOf,
  isoWeeksInYear,
  lastCompleteWeek,
  notableChanges,
  parseIsoWeek,
  percentChange,
  sameWeekLastYear,
  type RegionWeek,
  type WeekFigures,
} from './weekly-update.ts';

const f = (meldingen: number, adviezen = 0, acuteMeldingen = 0, chats = 0): WeekFigures => ({ meldingen, adviezen, acuteMeldingen, chats });
const region = (code: string, name: string, thisWeek: WeekFigures, lastYear: WeekFigures): RegionWeek => ({ code, name, thisWeek, lastYear });

describe('ISO weeks', () => {
  it('finds the ISO week of a date, also across the turn of the year', () => {
    expect(isoWeekOf(new Date('2026-11-24T00:00:00Z'))).toEqual({ year: 2026, week: 48 });
    expect(isoWeekOf(new Date('2021-01-03T00:00:00Z'))).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOf(new Date('2024-12-30T00:00:00Z'))).toEqual({ year: 2025, week: 1 });
  });

  it('knows which years have 53 weeks and compares week 53 with week 52 of a year without one', () => {
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(isoWeeksInYear(2021)).toBe(52);
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(sameWeekLastYear({ year: 2021, week: 53 })).toEqual({ year: 2020, week: 53 });
    expect(sameWeekLastYear({ year: 2026, week: 53 })).toEqual({ year: 2025, week: 52 });
    expect(sameWeekLastYear({ year: 2026, week: 48 })).toEqual({ year: 2025, week: 48 });
  });

  it('gives Monday to Sunday of a week, parses and formats week codes, and picks last complete week', () => {
    expect(isoWeekDates({ year: 2026, week: 48 })).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(isoWeekDates({ year: 2020, week: 53 })).toEqual({ from: '2020-12-28', to: '2021-01-03' });
    expect(isoWeekDates({ year: 2025, week: 1 })).toEqual({ from: '2024-12-30', to: '2025-01-05' });
    expect(parseIsoWeek('2026-W48')).toEqual({ year: 2026, week: 48 });
    expect(parseIsoWeek('2021-W53')).toBeNull();
    expect(parseIsoWeek('2026-48')).toBeNull();
    expect(formatIsoWeek({ year: 2026, week: 3 })).toBe('2026-W03');
    expect(lastCompleteWeek(new Date('2026-11-23T08:00:00Z'))).toEqual({ year: 2026, week: 47 });
    expect(lastCompleteWeek(new Date('2026-11-29T20:00:00Z'))).toEqual({ year: 2026, week: 47 });
  });
});

describe('notable changes', () => {
  it('names a region whose meldingen rose by a quarter or more on enough cases, with a Dutch note', () => {
    const changes = notableChanges([region('VR14', 'Gooi en Vechtstreek', f(54), f(40)), region('VR13', 'Amsterdam-Amstelland', f(100), f(95))]);
    const gv = changes.find((c) => c.region === 'VR14');
    expect(gv).toMatchObject({ measure: 'meldingen', thisWeek: 54, lastYear: 40, change: 35 });
    expect(changeNote(gv!)).toBe('Gooi en Vechtstreek: meldingen +35% t.o.v. vorig jaar (54 tegen 40)');
    expect(changes.some((c) => c.region === 'VR13')).toBe(false); // +5%
  });

  it('leaves out big percentages on small numbers, and counts the threshold itself as notable', () => {
    expect(notableChanges([region('VR01', 'Groningen', f(12), f(6))])).toEqual([]); // +100% on 12
    const edge = notableChanges([region('VR01', 'Groningen', f(20), f(16))], DEFAULT_NOTABILITY);
    expect(edge.find((c) => c.region === 'VR01')?.change).toBe(25);
    const down = notableChanges([region('VR01', 'Groningen', f(30), f(40))]).find((c) => c.region === 'VR01');
    expect(changeNote(down!)).toBe('Groningen: meldingen -25% t.o.v. vorig jaar (30 tegen 40)');
  });

  it('reports a count that appears from zero as new, and chats and adviezen alike', () => {
    const changes = notableChanges([region('VR05', 'Twente', f(30, 50, 0, 25), f(30, 30, 0, 0))]);
    expect(changes.filter((c) => c.region === 'VR05').map((c) => [c.measure, c.change])).toEqual([
      ['chats', null],
      ['adviezen', 67],
    ]);
    expect(changeNote(changes.find((c) => c.measure === 'chats' && c.region === 'VR05')!)).toBe('Twente: chats nieuw t.o.v. vorig jaar (25 tegen 0)');
  });

  it('notes a shift in the share of acute meldingen ("no national rise, but more urgent cases")', () => {
    const changes = notableChanges([region('VR14', 'Gooi en Vechtstreek', f(40, 0, 20), f(40, 0, 4)), region('VR13', 'Amsterdam-Amstelland', f(60, 0, 6), f(60, 0, 6))]);
    const nl = changes.filter((c) => c.region === 'NL');
    expect(nl.map((c) => c.measure)).toEqual(['acuut']); // national meldingen flat, acute share up
    expect(changeNote(nl[0]!)).toBe('Landelijk: aandeel acute meldingen +16 procentpunt t.o.v. vorig jaar (26% tegen 10%)');
    expect(changes.find((c) => c.region === 'VR14' && c.measure === 'acuut')?.change).toBe(40);
    expect(acuteShare(f(0))).toBeNull();
  });

  it('puts the national line first, then the largest changes', () => {
    const changes = notableChanges([region('A', 'Alfa', f(50), f(40)), region('B', 'Beta', f(80), f(40)), region('C', 'Gamma', f(10), f(40))]);
    expect(changes.map((c) => `${c.region}:${c.change}`)).toEqual(['B:100', 'C:-75', 'A:25']);
    // National: 140 against 120 = +17%: not notable.
    expect(percentChange(140, 120)).toBe(17);
    expect(percentChange(5, 0)).toBeNull();
    expect(percentChange(30, 40)).toBe(-25);
  });
});
