import { describe, expect, it } from 'vitest';
import { CBS_DISCLOSURE } from '../../domain/stats/disclosure-control.ts';
import type { WeekFigures } from '../../domain/stats/weekly-update.ts';
import type { WeeklyUpdate } from './weekly-update.ts';
import { publishWeekly, weeklyUpdatePdf } from './weekly-update.pdf.ts';

const f = (meldingen: number, adviezen: number, acuteMeldingen: number, chats: number): WeekFigures => ({ meldingen, adviezen, acuteMeldingen, chats });

function update(regions: { code: string; name: string; thisWeek: WeekFigures; lastYear: WeekFigures }[]): WeeklyUpdate {
  const zero = f(0, 0, 0, 0);
  return {
    week: '2026-W10',
    from: '2026-03-02',
    to: '2026-03-08',
    lastYearWeek: '2025-W10',
    lastYearFrom: '2025-03-03',
    lastYearTo: '2025-03-09',
    regions: regions.map((r) => ({ ...r, acuteShare: { thisWeek: null, lastYear: null } })),
    chatsWithoutRegion: { thisWeek: 0, lastYear: 0 },
    national: { thisWeek: zero, lastYear: zero, acuteShare: { thisWeek: null, lastYear: null } },
    notes: [],
  };
}

describe('the weekly update as it leaves for the ministry', () => {
  const u = update([
    { code: 'VR14', name: 'Gooi en Vechtstreek', thisWeek: f(54, 31, 14, 22), lastYear: f(40, 29, 4, 12) },
    { code: 'VR13', name: 'Amsterdam-Amstelland', thisWeek: f(120, 80, 6, 40), lastYear: f(118, 70, 5, 41) },
    { code: 'VR01', name: 'Groningen', thisWeek: f(7, 35, 1, 15), lastYear: f(30, 33, 2, 16) },
  ]);
  const p = publishWeekly(u, CBS_DISCLOSURE);

  it('rounds counts and hides small ones together with the cells that would give them back', () => {
    const gr = p.rows.find((r) => r.name === 'Groningen')!;
    expect(gr.meldingen[0]).toBeNull(); // 7
    // With the national total published, one more cell in the column "this week" is hidden.
    expect(p.rows.filter((r) => r.meldingen[0] === null).length).toBeGreaterThanOrEqual(2);
    expect(gr.adviezen).toEqual([35, 35]);
    expect(p.national.meldingen).toEqual([180, 190]);
    for (const r of [...p.rows, p.national]) {
      for (const v of [...r.meldingen, ...r.adviezen, ...r.chats]) expect(v === null || (v >= 10 && v % 5 === 0)).toBe(true);
    }
  });

  it('derives the acute share and the notes from published numbers only, never from a hidden one', () => {
    // Acute counts of 6, 5, 1, 2, 4 are hidden, so their shares are too.
    expect(p.rows.find((r) => r.name === 'Amsterdam-Amstelland')!.acute).toEqual(['.', '.']);
    expect(p.notes.some((n) => n.startsWith('Groningen: meldingen'))).toBe(false);
    expect(p.notes.every((n) => !n.includes('acute'))).toBe(true);
    expect(p.notes.some((n) => n.startsWith('Gooi en Vechtstreek: chats'))).toBe(true); // 20 against 10
  });

  it('is a PDF', async () => {
    const pdf = await weeklyUpdatePdf(u, CBS_DISCLOSURE);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
