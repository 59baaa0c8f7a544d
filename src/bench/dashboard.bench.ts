// Dashboard: placeholder until the aggregate tables of the stats work are merged (see main.ts).
import type { BenchDb, BenchOptions, BenchResult } from './bench-support.ts';

export async function benchDashboard(_target: BenchDb, _opts: BenchOptions): Promise<BenchResult[]> {
  return [];
}
