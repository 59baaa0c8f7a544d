import { describe, expect, it } from 'vitest';
import { CBS_DISCLOSURE, cellText, controlCount, controlTable, disclosureSettings, roundToBase, tableLines, type ControlledTable } from './disclosure-control.ts';

/** Deterministic pseudo-random numbers (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The published extended table ((rows+1) x (cols+1), totals last) of a controlled table. */
function extended(t: ControlledTable): (number | null)[][] {
  return [...t.cells.map((row, r) => [...row, t.rowTotals[r]!]), [...t.columnTotals, t.grandTotal]];
}

/** Rank of a matrix (Gaussian elimination; entries are small integers, so a tolerance is safe). */
function rank(matrix: number[][]): number {
  const m = matrix.map((row) => [...row]);
  let rk = 0;
  const width = m[0]?.length ?? 0;
  for (let col = 0; col < width && rk < m.length; col++) {
    let pivot = -1;
    for (let r = rk; r < m.length; r++) if (Math.abs(m[r]![col]!) > 1e-9) { pivot = r; break; }
    if (pivot < 0) continue;
    [m[rk], m[pivot]] = [m[pivot]!, m[rk]!];
    for (let r = 0; r < m.length; r++) {
      if (r === rk) continue;
      const f = m[r]![col]! / m[rk]![col]!;
      if (f !== 0) for (let c = col; c < width; c++) m[r]![c]! -= f * m[rk]![c]!;
    }
    rk++;
  }
  return rk;
}

/**
 * The hidden positions whose value an outsider could solve exactly from everything published:
 * each line (row with its total, column with its total) is an equation; a hidden position is
 * solvable when its unit vector lies in the span of the equations restricted to the unknowns.
 */
function solvableHidden(pub: (number | null)[][]): [number, number][] {
  const rows = pub.length - 1;
  const cols = pub[0]!.length - 1;
  const unknowns: [number, number][] = [];
  pub.forEach((row, r) => row.forEach((v, c) => v === null && unknowns.push([r, c])));
  if (unknowns.length === 0) return [];
  const index = new Map(unknowns.map(([r, c], i) => [`${r},${c}`, i]));
  const equations = tableLines(rows, cols).map((line) => {
    const eq = new Array<number>(unknowns.length).fill(0);
    for (const [r, c] of line) {
      const i = index.get(`${r},${c}`);
      // The total of a line counts minus, its cells plus: sum(cells) - total = 0.
      if (i !== undefined) eq[i] = isTotalOf(line, r, c, rows, cols) ? -1 : 1;
    }
    return eq;
  });
  const base = rank(equations);
  return unknowns.filter((_, i) => {
    const unit = new Array<number>(unknowns.length).fill(0);
    unit[i] = 1;
    return rank([...equations, unit]) === base;
  });
}

/** Whether (r, c) is the total position of the line (the last element of a row or column). */
function isTotalOf(line: [number, number][], r: number, c: number, rows: number, cols: number): boolean {
  const rowLine = line[0]![0] === line[1]![0];
  return rowLine ? c === cols : r === rows;
}

describe('rounding and a single count', () => {
  it('rounds half up to the base and hides counts below the threshold', () => {
    expect([0, 2, 3, 7, 10, 12, 13, 1232].map((n) => roundToBase(n, 5))).toEqual([0, 0, 5, 5, 10, 10, 15, 1230]);
    expect(roundToBase(13, 1)).toBe(13);
    expect([0, 9, 10, 12, 13].map((n) => controlCount(n, CBS_DISCLOSURE))).toEqual([null, null, 10, 10, 15]);
    expect(cellText(null)).toBe('.');
    expect(cellText(15)).toBe('15');
  });

  it('refuses settings that would publish everything unrounded by mistake', () => {
    expect(() => disclosureSettings(0, 5)).toThrow();
    expect(() => disclosureSettings(10, 0)).toThrow();
    expect(() => disclosureSettings(10.5, 5)).toThrow();
    expect(disclosureSettings(20, 10)).toEqual({ threshold: 20, roundingBase: 10 });
  });
});

describe('a table with totals', () => {
  it('hides a small cell and one more in its row and column, so neither follows from the totals', () => {
    // Region x (meldingen, adviezen): 4 is small.
    const t = controlTable([[32, 4], [50, 60], [25, 40]], CBS_DISCLOSURE);
    expect(t.cells[0]![1]).toBeNull();
    expect(t.reasons[0]![1]).toBe('primary');
    // Row 0 has total 36 published, so 32 must go too; column 1 needs a second hidden cell.
    expect(t.cells[0]![0]).toBeNull();
    expect(t.reasons[0]![0]).toBe('secondary');
    expect(t.cells[1]![1] === null || t.cells[2]![1] === null).toBe(true);
    expect(solvableHidden(extended(t))).toEqual([]);
    // Totals stay published and rounded on their own.
    expect(t.rowTotals).toEqual([35, 110, 65]);
    expect(t.grandTotal).toBe(210);
  });

  it('publishes a table without small cells rounded and complete', () => {
    const t = controlTable([[12, 13], [27, 100]], CBS_DISCLOSURE);
    expect(t.cells).toEqual([[10, 15], [25, 100]]);
    expect(t.rowTotals).toEqual([25, 125]);
    expect(t.columnTotals).toEqual([40, 115]);
    expect(t.grandTotal).toBe(150);
    expect(t.reasons.flat().every((r) => r === null)).toBe(true);
  });

  it('hides a second entry in a list with a total (one row)', () => {
    const t = controlTable([[40, 3, 55, 20]], CBS_DISCLOSURE);
    const hidden = t.cells[0]!.filter((c) => c === null).length;
    expect(hidden).toBe(2);
    expect(t.cells[0]![1]).toBeNull();
    expect(t.cells[0]![3]).toBeNull(); // the smallest other entry
    expect(t.rowTotals[0]).toBe(120);
    expect(solvableHidden(extended(t))).toEqual([]);
  });

  it('breaks a chain that two hidden blocks joined by one cell would give away', () => {
    // Every line below has two hidden cells after primary suppression, yet (1,2) links two
    // separate 2x2 blocks and would follow from the lines; the control must not leave it so.
    const counts = [
      [5, 5, 50, 50, 50],
      [5, 5, 5, 50, 50],
      [50, 50, 5, 50, 5],
      [50, 50, 50, 50, 5],
    ];
    // Make the primary pattern exactly that: only the 5s are small.
    const t = controlTable(counts, CBS_DISCLOSURE);
    expect(solvableHidden(extended(t))).toEqual([]);
  });

  it('takes its threshold and rounding base from the settings', () => {
    const t = controlTable([[15, 30], [40, 45]], disclosureSettings(20, 10));
    expect(t.cells[0]![0]).toBeNull();
    expect(t.cells.flat().filter((c) => c !== null).every((c) => c! % 10 === 0)).toBe(true);
  });
});

describe('property: nothing hidden can be recomputed (2000 random tables)', () => {
  it('leaves no hidden cell alone in its row or column, none solvable from all lines, and publishes only rounded counts at or above the threshold', () => {
    const next = random(20261124);
    for (let i = 0; i < 2000; i++) {
      const rows = 1 + Math.floor(next() * 6);
      const cols = 1 + Math.floor(next() * 6);
      // Mostly small counts, so that suppression has plenty to do; some zeros.
      const counts = Array.from({ length: rows }, () => Array.from({ length: cols }, () => (next() < 0.15 ? 0 : Math.floor(next() ** 2 * 60))));
      const settings = next() < 0.5 ? CBS_DISCLOSURE : disclosureSettings(1 + Math.floor(next() * 20), 1 + Math.floor(next() * 10));
      const t = controlTable(counts, settings);
      const pub = extended(t);
      const label = `case ${i}: ${JSON.stringify(counts)} ${JSON.stringify(settings)}`;

      // True values of the extended table, to check each published number.
      const truth = [...counts.map((row) => [...row, row.reduce((a, b) => a + b, 0)])];
      truth.push(Array.from({ length: cols + 1 }, (_, c) => truth.reduce((a, row) => a + row[c]!, 0)));
      pub.forEach((row, r) =>
        row.forEach((v, c) => {
          const n = truth[r]![c]!;
          if (n < settings.threshold) expect(v, `${label} small cell ${r},${c}`).toBeNull();
          if (v !== null) {
            expect(v % settings.roundingBase, label).toBe(0);
            expect(v, label).toBe(roundToBase(n, settings.roundingBase));
          }
        }),
      );

      // Its own row and column: never exactly one hidden position in a line.
      for (const line of tableLines(rows, cols)) {
        const hidden = line.filter(([r, c]) => pub[r]![c] === null).length;
        expect(hidden === 0 || hidden >= 2, `${label} line ${JSON.stringify(line[0])}`).toBe(true);
      }
      // And no combination of lines solves a hidden position either.
      expect(solvableHidden(pub), label).toEqual([]);
    }
  });
});
