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

describe('CBS table 84852 (meldingen by the outcome of their safety assessment)', () => {
  it('counts the outcome recorded in Signaal, an assessment done elsewhere as not recorded, and follows later changes', async () => {
    const vb = { type: 'veiligheidsbeoordeling', at: '2019-02-05T10:00:00+01:00' };
    const more = [11, 12, 13].map((n) => line(n, [vb]));
    await importExchange(database.db, Readable.from([more.join('\n')]));
    // Two meldingen handled in Signaal: one acutely unsafe, one assessed without unsafety.
    const handled = await database.db
      .insertInto('contact')
      .values([0, 1].map(() => ({ kind: 'melding' as const, received_at: new Date('2019-03-10T10:00:00Z'), region_code: 'VR14', municipality_code: null, channel: 'telefoon', reporter_type: 'beroepsmatig', reporter_group: 'onderwijs', violence_type: 'partnergeweld' })))
      .returning('id')
      .execute();
    const assessed = new Date('2019-03-11T10:00:00Z');
    await database.db
      .insertInto('case_handling')
      .values(handled.map((h, i) => ({ contact_id: h.id, region_code: 'VR14', state: 'decided' as const, assessment_due: assessed, assessed_at: assessed, acute_unsafety: i === 0, structural_unsafety: false })))
      .execute();

    const table = async () => {
      const t = (await cbsTable(database.db, '84852', { year: 2019, half: 1 }, { threshold: 0, roundingBase: 1 }))!;
      const gv = t.rows.filter((r) => r.region === 'Gooi en Vechtstreek (VT)');
      return Object.fromEntries(gv.map((r) => [r.category, r.values[0]]));
    };
    expect(await table()).toEqual({
      Totaal: 14,
      'Acute onveiligheid': 1,
      'Structurele onveiligheid (niet acuut)': 0,
      'Geen acute of structurele onveiligheid': 1,
      'Beoordeeld, uitkomst niet geregistreerd': 3,
      'Niet (nog niet) beoordeeld': 9,
    });

    // The second one is re-assessed as structurally unsafe; one imported assessment is removed.
    await database.db.updateTable('case_handling').set({ structural_unsafety: true }).where('contact_id', '=', handled[1]!.id).execute();
    await database.db.deleteFrom('contact_event').where('type', '=', 'veiligheidsbeoordeling').where('contact_id', 'in', database.db.selectFrom('contact').select('id').where('external_id', '=', 'cbs-11')).execute();
    expect(await table()).toMatchObject({
      Totaal: 14,
      'Structurele onveiligheid (niet acuut)': 1,
      'Geen acute of structurele onveiligheid': 0,
      'Beoordeeld, uitkomst niet geregistreerd': 2,
      'Niet (nog niet) beoordeeld': 10,
    });
  });
});
