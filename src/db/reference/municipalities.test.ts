import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMunicipalityCsv, splitCsvLine } from './municipalities.ts';

describe('municipality CSV', () => {
  it('splits quoted fields with commas and doubled quotes', () => {
    expect(splitCsvLine('2020,GM0820,"Nuenen, Gerwen en Nederwetten",Noord-Brabant')).toEqual(['2020', 'GM0820', 'Nuenen, Gerwen en Nederwetten', 'Noord-Brabant']);
    expect(splitCsvLine('a,"say ""hi""",c')).toEqual(['a', 'say "hi"', 'c']);
    expect(() => splitCsvLine('a,"open')).toThrow(/unterminated/);
  });

  it('reads the shipped file: 355 rows for 2020, 342 for 2025, 25 regions each', () => {
    const rows = parseMunicipalityCsv(readFileSync(new URL('./nl_municipalities.csv', import.meta.url), 'utf8'));
    for (const [year, count] of [[2020, 355], [2025, 342]] as const) {
      const y = rows.filter((r) => r.year === year);
      expect(y).toHaveLength(count);
      expect(new Set(y.map((r) => r.regionCode)).size).toBe(25);
      expect(new Set(y.map((r) => r.code)).size).toBe(count);
    }
    expect(rows.find((r) => r.code === 'GM0820')?.name).toBe('Nuenen, Gerwen en Nederwetten');
  });

  it('rejects a row that would shift columns', () => {
    expect(() => parseMunicipalityCsv('year,code,name,province,safety_region_code,safety_region_name\n2020,GM0001,A,B,VR01\n')).toThrow(/line 2/);
    expect(() => parseMunicipalityCsv('wrong header\n')).toThrow(/header/);
  });
});
