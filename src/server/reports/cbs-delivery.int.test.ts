import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../test-support/test-database.ts';
import { importExchange } from '../exchange/exchange-import.service.ts';
import { cbsTable } from './cbs-delivery.ts';

let database: TestDatabase;

/** A melding of Gooi en Vechtstreek (or another region) with the given events, all invented. */
const line = (n: number, events: { type: string; at: string; partner?: string }[], region = 'VR14') =>
  JSON.stringify({ externalId: `cbs-${n}`, source: 'cbs-test', kind: 'melding', receivedAt: '2019-02-01T10:00:00+01:00', region, channel: 'telefoon', reporter: { type: 'beroepsmatig', group: 'onderwijs' }, violenceType: 'kindermishandeling', events });

beforeAll(async () => {
  database = await openTestDatabase();
  const handover = (partner?: string, at = '2019-03-01T10:00:00+01:00') => ({ type: 'overdracht', at, ...(partner ? { partner } : {}) });
  const lines = [
    ...[1, 2, 3].map((n) => line(n, [handover('gi')])),
    line(4, [handover('vrouwenopvang'), { type: 'monitoring', at: '2019-03-02T10:00:00+01:00' }]),
    line(5, [handover('Jeugdzorg Noord (verzonnen)')]),
    line(6, [handover('overig')]),
    line(7, [handover()]),
    line(8, [handover()]),
    line(9, [handover('mda')], 'VR01'),
    // In the second half year: not in this table.
    line(10, [handover('gi', '2019-08-01T10:00:00+02:00')]),
  ];
  const result = await importExchange(database.db, Readable.from([lines.join('\n')]));
  expect(result).toMatchObject({ imported: lines.length, rejected: 0 });
});
afterAll(async () => database?.close());

describe('CBS table 84855 (handovers by organisation)', () => {
  it('counts each handover of the half year under its partner type, other partners as other help and none as not registered', async () => {
    const t = (await cbsTable(database.db, '84855', { year: 2019, half: 1 }, { threshold: 0, roundingBase: 1 }))!;
    const cell = (category: string, region: string) => t.rows.find((r) => r.category === category && r.region === region)?.values;
    const gv = 'Gooi en Vechtstreek (VT)';
    expect(cell('Gecertificeerde instelling', gv)).toEqual([3]);
    expect(cell('Vrouwenopvang', gv)).toEqual([1]);
    expect(cell('Andere (bestaande) hulp', gv)).toEqual([2]);
    expect(cell('Niet geregistreerd', gv)).toEqual([2]);
    expect(cell('Lokaal (wijk)team', gv)).toEqual([0]);
    expect(cell('Totaal', gv)).toEqual([8]);
    expect(cell('MDA++-team', 'Nederland')).toEqual([1]);
    expect(cell('Totaal', 'Nederland')).toEqual([9]);
  });

  it('hides small counts under the CBS rules', async () => {
    const t = (await cbsTable(database.db, '84855', { year: 2019, half: 1 }, { threshold: 10, roundingBase: 5 }))!;
    expect(t.rows.find((r) => r.category === 'Totaal' && r.region === 'Nederland')?.values).toEqual([null]);
  });
});
