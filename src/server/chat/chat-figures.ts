import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export interface FiguresQuery {
  /** Amsterdam dates, inclusive. */
  from: string;
  to: string;
  /** A region code, 'landelijk' for chats without a region, or null for all. */
  region: string | null;
  per: 'day' | 'week';
}

export interface PeriodRow {
  period: string;
  region: string;
  chats: number;
  served: number;
  abandoned: number;
  leftMessages: number;
  waitMeanSeconds: number | null;
  waitMedianSeconds: number | null;
  durationMeanSeconds: number | null;
  durationMedianSeconds: number | null;
}

export interface ChatFigures {
  rows: PeriodRow[];
  total: Omit<PeriodRow, 'period' | 'region'>;
  byVisitorGroup: { code: string; chats: number }[];
  byOutcome: { code: string; chats: number }[];
  byTopic: { code: string; chats: number }[];
}

const round = (v: number | string | null): number | null => (v === null ? null : Math.round(Number(v)));

/**
 * Chat figures: chats per day or ISO week and region, served (a worker took it) and abandoned (the
 * visitor left before that), messages left while closed, waiting time (start to pickup) and
 * duration (pickup to end), mean and median, and counts per tag and outcome. Counts only: no
 * nickname, no transcript, no id leaves this function.
 */
export async function chatFigures(db: Executor, q: FiguresQuery): Promise<ChatFigures> {
  const local = sql`(s.created_at at time zone 'Europe/Amsterdam')`;
  const period = q.per === 'day' ? sql<string>`to_char(${local}, 'YYYY-MM-DD')` : sql<string>`to_char(${local}, 'IYYY-"W"IW')`;
  const regionExpr = sql<string>`coalesce(s.region_code, 'landelijk')`;
  const where = sql`${local}::date between ${q.from}::date and ${q.to}::date
    and (${q.region}::text is null or ${regionExpr} = ${q.region}::text)`;
  const measures = sql`
    count(*)::int as chats,
    count(s.accepted_at)::int as served,
    count(*) filter (where s.accepted_at is null and s.status = 'ended' and not s.left_message)::int as abandoned,
    count(*) filter (where s.left_message)::int as left_messages,
    avg(extract(epoch from s.accepted_at - s.created_at)) filter (where not s.left_message) as wait_mean,
    percentile_cont(0.5) within group (order by extract(epoch from s.accepted_at - s.created_at)) filter (where not s.left_message) as wait_median,
    avg(extract(epoch from s.ended_at - s.accepted_at)) as duration_mean,
    percentile_cont(0.5) within group (order by extract(epoch from s.ended_at - s.accepted_at)) as duration_median`;
  type Raw = { chats: number; served: number; abandoned: number; left_messages: number; wait_mean: string | null; wait_median: string | null; duration_mean: string | null; duration_median: string | null };
  const shape = (r: Raw) => ({
    chats: Number(r.chats),
    served: Number(r.served),
    abandoned: Number(r.abandoned),
    leftMessages: Number(r.left_messages),
    waitMeanSeconds: round(r.wait_mean),
    waitMedianSeconds: round(r.wait_median),
    durationMeanSeconds: round(r.duration_mean),
    durationMedianSeconds: round(r.duration_median),
  });

  const rows = await sql<Raw & { period: string; region: string }>`
    select ${period} as period, ${regionExpr} as region, ${measures}
      from chat_session s where ${where}
     group by 1, 2 order by 1, 2`.execute(db);
  const total = await sql<Raw>`select ${measures} from chat_session s where ${where}`.execute(db);
  const counted = async (column: 'visitor_group' | 'outcome') =>
    (
      await sql<{ code: string; chats: number }>`
        select coalesce(s.${sql.ref(column)}, 'geen') as code, count(*)::int as chats
          from chat_session s where ${where} group by 1 order by 2 desc, 1`.execute(db)
    ).rows.map((r) => ({ code: r.code, chats: Number(r.chats) }));
  const topics = await sql<{ code: string; chats: number }>`
    select t as code, count(*)::int as chats
      from chat_session s, unnest(s.topics) as t where ${where} group by 1 order by 2 desc, 1`.execute(db);

  return {
    rows: rows.rows.map((r) => ({ period: r.period, region: r.region, ...shape(r) })),
    total: shape(total.rows[0]!),
    byVisitorGroup: await counted('visitor_group'),
    byOutcome: await counted('outcome'),
    byTopic: topics.rows.map((r) => ({ code: r.code, chats: Number(r.chats) })),
  };
}
