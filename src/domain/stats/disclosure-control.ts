/**
 * Statistical disclosure control for figures that leave the staff console (open data page, public
 * PDFs, CSV for outsiders), after CBS practice for the Veilig Thuis tables: counts are rounded to
 * a base (5) and a cell whose true count is below a threshold (10) is hidden (shown as ".").
 *
 * Hiding is not enough when totals are published: a row "Totaal 40, A 32, B ." gives B back as
 * 40 - 32. So after the primary suppression (small cells) a secondary suppression hides further
 * cells until no hidden cell can be solved from the equations of the table's lines (each row with
 * its row total, each column with its column total): then no line holds exactly one hidden cell,
 * and no combination of lines isolates one either.
 *
 * Pure: no I/O, no clock. The settings come from the configuration (SIGNAAL_DISCLOSURE_*).
 */

export interface DisclosureSettings {
  /** A cell whose true count is below this is hidden (CBS: 10). */
  threshold: number;
  /** Published counts are rounded to a multiple of this (CBS: 5); 1 means no rounding. */
  roundingBase: number;
}

export const CBS_DISCLOSURE: DisclosureSettings = { threshold: 10, roundingBase: 5 };

/** A published cell: a rounded count, or null for a hidden one (shown as "."). */
export type PublishedCell = number | null;

export type SuppressionReason = 'primary' | 'secondary';

export interface ControlledTable {
  /** cells[r][c] of the inner table, published. */
  cells: PublishedCell[][];
  /** Row totals (one per row), published. */
  rowTotals: PublishedCell[];
  /** Column totals (one per column), published. */
  columnTotals: PublishedCell[];
  grandTotal: PublishedCell;
  /**
   * Why each position of the extended table ((rows+1) x (columns+1), margins last) is hidden,
   * or null when published. For tests and the ADR; never published itself.
   */
  reasons: (SuppressionReason | null)[][];
}

/** Rounds half up to a multiple of base (12 -> 10, 13 -> 15 with base 5). */
export function roundToBase(n: number, base: number): number {
  if (base <= 1) return n;
  return Math.floor((n + base / 2) / base) * base;
}

/** One count on its own (no table around it): rounded, or hidden when small. */
export function controlCount(n: number, s: DisclosureSettings): PublishedCell {
  return n < s.threshold ? null : roundToBase(n, s.roundingBase);
}

/** Validated settings: a threshold of at least 1 and a rounding base of at least 1, integers. */
export function disclosureSettings(threshold: number, roundingBase: number): DisclosureSettings {
  if (!Number.isInteger(threshold) || threshold < 1) throw new RangeError('threshold must be an integer >= 1');
  if (!Number.isInteger(roundingBase) || roundingBase < 1) throw new RangeError('roundingBase must be an integer >= 1');
  return { threshold, roundingBase };
}

/**
 * Disclosure control of a two-way table of counts with its row and column totals (a one-way
 * list is a table with one row). Totals are computed here from the true counts, rounded on their
 * own: rounded cells therefore need not add up to the rounded total (as in CBS tables).
 *
 * `forced` lists positions of the extended table (margins at index rows / cols) to hide anyway:
 * when two published tables share a number (a region's meldingen in one, the same region's row
 * total in another), hiding it in one and showing it in the other would undo the suppression.
 */
export function controlTable(counts: readonly (readonly number[])[], s: DisclosureSettings, forced: readonly (readonly [number, number])[] = []): ControlledTable {
  const rows = counts.length;
  const cols = rows === 0 ? 0 : counts[0]!.length;
  for (const row of counts) {
    if (row.length !== cols) throw new RangeError('all rows need the same number of columns');
    for (const n of row) if (!Number.isInteger(n) || n < 0) throw new RangeError('counts are integers >= 0');
  }
  // The extended table: inner cells, a total column at index cols, a total row at index rows.
  const ext: number[][] = Array.from({ length: rows + 1 }, (_, r) => Array.from({ length: cols + 1 }, (_, c) => (r < rows && c < cols ? counts[r]![c]! : 0)));
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
    ext[r]![cols]! += ext[r]![c]!;
    ext[rows]![c]! += ext[r]![c]!;
    ext[rows]![cols]! += ext[r]![c]!;
  }
  const reasons: (SuppressionReason | null)[][] = ext.map((row) => row.map((n) => (n < s.threshold ? 'primary' : null)));
  // Positions hidden in another table that publishes the same number (see the function's doc).
  for (const [r, c] of forced) if (reasons[r]?.[c] === null) reasons[r]![c] = 'secondary';
  secondarySuppression(ext, reasons);

  const publish = (r: number, c: number): PublishedCell => (reasons[r]![c] ? null : roundToBase(ext[r]![c]!, s.roundingBase));
  return {
    cells: Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => publish(r, c))),
    rowTotals: Array.from({ length: rows }, (_, r) => publish(r, cols)),
    columnTotals: Array.from({ length: cols }, (_, c) => publish(rows, c)),
    grandTotal: publish(rows, cols),
    reasons,
  };
}

/**
 * The lines of an extended table: every row (its cells and its total) and every column (its cells
 * and its total), as lists of [row, column] positions. Each line is one equation
 * total = sum of cells, so a line with exactly one hidden position gives that position back.
 */
export function tableLines(rows: number, cols: number): [number, number][][] {
  const lines: [number, number][][] = [];
  for (let r = 0; r <= rows; r++) lines.push(Array.from({ length: cols + 1 }, (_, c) => [r, c] as [number, number]));
  for (let c = 0; c <= cols; c++) lines.push(Array.from({ length: rows + 1 }, (_, r) => [r, c] as [number, number]));
  return lines;
}

/**
 * Secondary suppression. See the hidden positions as edges of a graph whose vertices are the
 * lines (a hidden cell (r, c) joins row-line r and column-line c); the equations of the lines
 * then fix a hidden value exactly when its edge lies on no cycle (a bridge). A line with one
 * hidden cell is the simplest case (a dangling edge), but two blocks of hidden cells joined by
 * one cell give that cell away too. So: while some hidden cell is a bridge, hide one more cell
 * that closes a cycle through it (a cell between the two sides), or, when no such cell exists,
 * one more cell of its row or column. Among candidates the choice is an inner cell before a total
 * (so a total that several tables share stays published in all of them, being hidden only when
 * itself small), then a cell that touches a line already holding a hidden cell, then the
 * smallest. Ends because cells are only ever added.
 */
function secondarySuppression(ext: number[][], reasons: (SuppressionReason | null)[][]): void {
  const rows = ext.length - 1;
  const cols = ext[0]!.length - 1;
  const hidden = (r: number, c: number) => reasons[r]![c] !== null;
  const all: [number, number][] = [];
  for (let r = 0; r <= rows; r++) for (let c = 0; c <= cols; c++) all.push([r, c]);

  for (;;) {
    const bridge = findBridge(rows, cols, hidden);
    if (!bridge) return;
    const { cell, rowSide, colSide } = bridge;
    const closes = all.filter(([r, c]) => !hidden(r, c) && ((rowSide.rows.has(r) && colSide.cols.has(c)) || (colSide.rows.has(r) && rowSide.cols.has(c))));
    const ownLines = all.filter(([r, c]) => !hidden(r, c) && (r === cell[0] || c === cell[1]));
    const anywhere = all.filter(([r, c]) => !hidden(r, c));
    const pool = closes.length > 0 ? closes : ownLines.length > 0 ? ownLines : anywhere;
    if (pool.length === 0) return; // everything hidden: nothing to give away
    const isInner = ([r, c]: [number, number]) => r < rows && c < cols;
    const touchesHidden = ([r, c]: [number, number]) => all.some(([rr, cc]) => hidden(rr, cc) && (rr === r || cc === c));
    pool.sort(
      (a, b) =>
        Number(isInner(b)) - Number(isInner(a)) ||
        Number(touchesHidden(b)) - Number(touchesHidden(a)) ||
        ext[a[0]]![a[1]]! - ext[b[0]]![b[1]]! ||
        a[0] - b[0] ||
        a[1] - b[1],
    );
    const [r, c] = pool[0]!;
    reasons[r]![c] = 'secondary';
  }
}

interface Side {
  rows: Set<number>;
  cols: Set<number>;
}

/** The first hidden cell whose value the lines fix (a bridge), with the two sides it joins. */
function findBridge(rows: number, cols: number, hidden: (r: number, c: number) => boolean): { cell: [number, number]; rowSide: Side; colSide: Side } | null {
  for (let r = 0; r <= rows; r++) {
    for (let c = 0; c <= cols; c++) {
      if (!hidden(r, c)) continue;
      const rowSide = reach({ row: r }, [r, c], rows, cols, hidden);
      if (rowSide.cols.has(c)) continue; // another path: the cell lies on a cycle
      return { cell: [r, c], rowSide, colSide: reach({ col: c }, [r, c], rows, cols, hidden) };
    }
  }
  return null;
}

/** Lines reachable from a start line over hidden cells, not using the cell `without`. */
function reach(start: { row: number } | { col: number }, without: [number, number], rows: number, cols: number, hidden: (r: number, c: number) => boolean): Side {
  const side: Side = { rows: new Set(), cols: new Set() };
  const todo: ({ row: number } | { col: number })[] = [start];
  if ('row' in start) side.rows.add(start.row);
  else side.cols.add(start.col);
  while (todo.length > 0) {
    const at = todo.pop()!;
    if ('row' in at) {
      for (let c = 0; c <= cols; c++) {
        if (!hidden(at.row, c) || (at.row === without[0] && c === without[1]) || side.cols.has(c)) continue;
        side.cols.add(c);
        todo.push({ col: c });
      }
    } else {
      for (let r = 0; r <= rows; r++) {
        if (!hidden(r, at.col) || (r === without[0] && at.col === without[1]) || side.rows.has(r)) continue;
        side.rows.add(r);
        todo.push({ row: r });
      }
    }
  }
  return side;
}

/** The published form of a cell in a CSV or on a page: the number, or "." for a hidden one. */
export function cellText(cell: PublishedCell): string {
  return cell === null ? '.' : String(cell);
}
