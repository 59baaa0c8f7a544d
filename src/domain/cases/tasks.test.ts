import { describe, expect, it } from 'vitest';
import { amsterdamDate } from '../deadlines/amsterdam-time.ts';
import { taskDue, taskRefusal } from './tasks.ts';

describe('tasks around a melding', () => {
  const received = new Date('2026-11-23T10:00:00Z'); // Monday

  it('are due: informing in 4 weeks (+2 per extension), feedback and investigation start in 5 working days', () => {
    expect(amsterdamDate(taskDue('informeren', received))).toBe('2026-12-21');
    expect(amsterdamDate(taskDue('informeren', received, 1))).toBe('2027-01-04');
    expect(amsterdamDate(taskDue('terugkoppeling-beoordeling', received))).toBe('2026-11-30');
    expect(amsterdamDate(taskDue('onderzoek-starten', new Date('2026-12-22T10:00:00Z')))).toBe('2026-12-30');
  });

  it('let only informing be extended or skipped, and nothing change once done', () => {
    expect(taskRefusal('extend', 'informeren', false)).toBeNull();
    expect(taskRefusal('skip', 'informeren', false)).toBeNull();
    expect(taskRefusal('extend', 'terugkoppeling-beoordeling', false)).toBe('not_extendable');
    expect(taskRefusal('skip', 'onderzoek-starten', false)).toBe('not_skippable');
    expect(taskRefusal('complete', 'informeren', true)).toBe('task_done');
  });
});
