import { CHANNELS, REPORTER_GROUPS, VIOLENCE_TYPES } from '../../domain/contacts/vocabulary.ts';

/**
 * Exchange-v1 lines for tests and load measurements. Deterministic: the same arguments give the
 * same lines, so a re-run of an import sees exactly the same (source, externalId) keys.
 */
const REGIONS = Array.from({ length: 25 }, (_, i) => `VR${String(i + 1).padStart(2, '0')}`);

/** A national-looking file: `count` contacts over the 25 regions in `year`, each with 0-3 events. */
export function* syntheticLines(count: number, opts: { year?: number; source?: string; municipalityCode?: string | null } = {}): Generator<string> {
  const year = opts.year ?? 2024;
  for (let i = 0; i < count; i++) {
    const melding = i % 2 === 0;
    const at = new Date(Date.UTC(year, 0, 1, 9) + (i % 360) * 86_400_000 + (i % 7) * 3_600_000);
    const events = [];
    for (let e = 0; e < i % 4; e++) {
      events.push({ type: ['veiligheidsbeoordeling', 'overdracht', 'monitoring'][e % 3], at: new Date(at.getTime() + (e + 1) * 86_400_000).toISOString() });
    }
    yield JSON.stringify({
      externalId: `syn-${i}`,
      source: opts.source ?? 'load-test',
      kind: melding ? 'melding' : 'advies',
      receivedAt: at.toISOString(),
      region: REGIONS[i % REGIONS.length],
      municipalityCode: opts.municipalityCode === undefined ? null : opts.municipalityCode,
      channel: CHANNELS[i % CHANNELS.length],
      reporter: { type: i % 5 === 0 ? 'particulier' : 'beroepsmatig', group: REPORTER_GROUPS[i % REPORTER_GROUPS.length] },
      ...(melding ? { violenceType: VIOLENCE_TYPES[i % 5] } : {}),
      events,
    });
  }
}

const repeat = <T>(entries: [T, number][]): T[] => entries.flatMap(([v, n]) => Array<T>(n).fill(v));

/**
 * Record-level contacts and events of Gooi en Vechtstreek (VR14) in 2020 whose annual report is
 * the figures of seed 003 (council letter and infographic). Besides the counted events every
 * melding gets a veiligheidsbeoordeling and some an afsluiting, which the report must not count.
 */
export function* seed003Lines(): Generator<string> {
  const meldingMunicipalities = repeat<string | null>([['GM0376', 39], ['GM0417', 43], ['GM0406', 250], ['GM1942', 255], ['GM0457', 97], ['GM1696', 126], ['GM0402', 649]]);
  const adviesMunicipalities = repeat<string | null>([['GM0376', 43], ['GM0417', 56], ['GM0406', 215], ['GM1942', 253], ['GM0457', 67], ['GM1696', 92], ['GM0402', 591], [null, 315]]);
  const meldingReporters = repeat([['beroepsmatig', 1259], ['particulier', 170], ['onbekend', 30]]);
  const adviesReporters = repeat([['beroepsmatig', 906], ['particulier', 726]]);
  const violence = repeat([['kindermishandeling', 613], ['partnergeweld', 525], ['ouderenmishandeling', 44], ['geweld-tegen-ouders', 117], ['huiselijk-geweld-overig', 160]]);
  const counted = repeat([['onderzoek', 68], ['veiligheidsvoorwaarden', 379], ['overdracht', 887], ['monitoring', 389], ['huisverbod', 32], ['aware', 18]]);
  // Noon UTC is the same calendar day in Amsterdam all year, so every contact is in 2020.
  const day = (d: number) => new Date(Date.UTC(2020, 0, 1 + Math.min(d, 365), 12)).toISOString().replace('.000Z', 'Z');
  const n = meldingMunicipalities.length;
  const eventsOf = new Map<number, { type: string; at: string; outcome?: string }[]>();
  counted.forEach((type, j) => {
    // Spread over the meldingen from the end, so the pattern does not follow the municipalities.
    const i = n - 1 - ((j * 7) % n);
    const list = eventsOf.get(i) ?? [];
    list.push({ type, at: day((i % 366) + 3 + list.length), ...(type === 'onderzoek' ? { outcome: ['bevestigd', 'niet-bevestigd', 'weerlegd'][j % 3]! } : {}) });
    eventsOf.set(i, list);
  });
  for (let i = 0; i < n; i++) {
    const events = [{ type: 'veiligheidsbeoordeling', at: day((i % 366) + 1) }, ...(eventsOf.get(i) ?? [])];
    if (i % 3 === 0) events.push({ type: 'afsluiting', at: day((i % 366) + 20) });
    yield JSON.stringify({
      externalId: `gv-m-${i}`,
      source: 'legacy-gv',
      kind: 'melding',
      receivedAt: day(i % 366),
      region: 'VR14',
      municipalityCode: meldingMunicipalities[i],
      channel: i % 3 === 0 ? 'politie' : 'telefoon',
      reporter: { type: meldingReporters[i], group: meldingReporters[i] === 'beroepsmatig' ? (i % 3 === 0 ? 'politie' : 'onderwijs') : meldingReporters[i] === 'particulier' ? 'burger' : 'onbekend' },
      violenceType: violence[(i * 11) % n],
      ...(i % 50 === 0 ? { flags: ['huwelijksdwang'] } : {}),
      events,
    });
  }
  for (let i = 0; i < adviesMunicipalities.length; i++) {
    yield JSON.stringify({
      externalId: `gv-a-${i}`,
      source: 'legacy-gv',
      kind: 'advies',
      receivedAt: day((i * 3) % 366),
      region: 'VR14',
      municipalityCode: adviesMunicipalities[i],
      channel: 'telefoon',
      reporter: { type: adviesReporters[(i * 13) % adviesReporters.length] },
    });
  }
}

/** The 2020 figures of Gooi en Vechtstreek as seed 003 has them, in annual-report-v1 form. */
export const SEED_003_REPORT = {
  format: 'signaal.annual-report/v1',
  region: { code: 'VR14', name: 'Gooi en Vechtstreek' },
  year: 2020,
  municipalities: [
    { code: 'GM0376', name: 'Blaricum', meldingen: 39, adviezen: 43, totaal: 82 },
    { code: 'GM1942', name: 'Gooise Meren', meldingen: 255, adviezen: 253, totaal: 508 },
    { code: 'GM0402', name: 'Hilversum', meldingen: 649, adviezen: 591, totaal: 1240 },
    { code: 'GM0406', name: 'Huizen', meldingen: 250, adviezen: 215, totaal: 465 },
    { code: 'GM0417', name: 'Laren (NH.)', meldingen: 43, adviezen: 56, totaal: 99 },
    { code: 'GM0457', name: 'Weesp', meldingen: 97, adviezen: 67, totaal: 164 },
    { code: 'GM1696', name: 'Wijdemeren', meldingen: 126, adviezen: 92, totaal: 218 },
    { code: null, name: 'Onbekend', meldingen: 0, adviezen: 315, totaal: 315 },
  ],
  totaal: { meldingen: 1459, adviezen: 1632, totaal: 3091 },
  adviezen: { totaal: 1632, beroepsmatig: 906, particulier: 726, onbekend: 0 },
  meldingen: {
    totaal: 1459,
    beroepsmatig: 1259,
    particulier: 170,
    onbekend: 30,
    geweldsvorm: {
      kindermishandeling: { aantal: 613, procent: 42 },
      partnergeweld: { aantal: 525, procent: 36 },
      ouderenmishandeling: { aantal: 44, procent: 3 },
      'geweld-tegen-ouders': { aantal: 117, procent: 8 },
      'huiselijk-geweld-overig': { aantal: 160, procent: 11 },
      onbekend: { aantal: 0, procent: 0 },
    },
  },
  onderzoeken: 68,
  veiligheidsvoorwaarden: 379,
  overdrachten: 887,
  monitoring: 389,
  huisverboden: 32,
  aware: 18,
} as const;
