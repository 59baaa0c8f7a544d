export interface MunicipalityRow {
  year: number;
  code: string;
  name: string;
  province: string;
  regionCode: string;
  regionName: string;
}

const HEADER = 'year,code,name,province,safety_region_code,safety_region_name';

/** Splits one RFC 4180 CSV line (quoted fields with commas and doubled quotes). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  if (quoted) throw new Error('unterminated quoted field');
  out.push(field);
  return out;
}

/**
 * Parses the shipped municipality CSV. A wrong column count or a malformed code is an error
 * rather than a silently shifted row.
 */
export function parseMunicipalityCsv(text: string): MunicipalityRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines[0] !== HEADER) throw new Error(`Unexpected municipality CSV header: ${lines[0] ?? ''}`);
  return lines.slice(1).map((line, i) => {
    const cols = splitCsvLine(line);
    if (cols.length !== 6) throw new Error(`Municipality CSV line ${i + 2}: expected 6 columns`);
    const [year, code, name, province, regionCode, regionName] = cols as [string, string, string, string, string, string];
    if (!/^\d{4}$/.test(year) || !/^GM\d{4}$/.test(code) || !/^VR\d{2}$/.test(regionCode)) {
      throw new Error(`Municipality CSV line ${i + 2}: bad year, code or region`);
    }
    return { year: Number(year), code, name, province, regionCode, regionName };
  });
}
