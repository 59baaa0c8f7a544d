import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/**
 * For tests: every figures counter computed by scanning the records, written independently of the
 * trigger SQL of migration 0016, and the counters themselves, both sorted the same way.
 */
export type Row = { measure: string; dimension: string; grain: string; period: string; region_code: string; value: string; n: number; seconds: number };

/** The figures by scanning the records. */
export async function scanFigures(db: Db): Promise<Row[]> {
  const grains = sql`(values ('week'), ('month'), ('year')) g(grain)`;
  const period = (col: string) => sql.raw(`date_trunc(g.grain, (${col}) at time zone 'Europe/Amsterdam')::date`);
  const parts: ReturnType<typeof sql>[] = [];
  const contactDims: Record<string, string> = {
    total: `''`,
    channel: 'channel',
    reporterType: 'reporter_type',
    reporterGroup: 'reporter_group',
    violenceType: `coalesce(violence_type, 'onbekend')`,
    municipality: `coalesce(municipality_code, 'onbekend')`,
    acute: `case when acute then 'ja' else 'nee' end`,
  };
  for (const [dim, expr] of Object.entries(contactDims)) {
    parts.push(sql`select kind as measure, ${dim} as dimension, g.grain, ${period('received_at')} as period, region_code, ${sql.raw(expr)} as value, count(*) as n, 0 as seconds from contact, ${grains} group by 1,2,3,4,5,6`);
  }
  parts.push(sql`select kind, 'flag', g.grain, ${period('received_at')}, region_code, f, count(*), 0 from contact cross join unnest(flags) f, ${grains} group by 1,2,3,4,5,6`);
  // The outcome of a melding's safety assessment from its handling and events, not from
  // contact.assessment: that column is what the triggers keep, and this checks them.
  parts.push(sql`select c.kind, 'assessment', g.grain, ${period('c.received_at')}, c.region_code,
      case when h.acute_unsafety then 'acuut' when h.structural_unsafety then 'structureel' when h.assessed_at is not null then 'geen'
           when exists (select 1 from contact_event e where e.contact_id = c.id and e.type = 'veiligheidsbeoordeling') then 'onbekend'
           else 'niet' end, count(*), 0
    from contact c left join case_handling h on h.contact_id = c.id, ${grains} where c.kind = 'melding' group by 1,2,3,4,5,6`);
  // Repeat reports from the household links themselves (not contact.repeat_household), and the
  // meldingen that flagged a case in monitoring (that fact is the column itself).
  parts.push(sql`select c.kind, 'repeat', g.grain, ${period('c.received_at')}, c.region_code, 'ja', count(*), 0
    from contact c, ${grains} where c.kind = 'melding' and exists (
      select 1 from person p join person p2 on p2.household_id = p.household_id and p2.contact_id <> c.id
        join contact c2 on c2.id = p2.contact_id and c2.kind = 'melding' and c2.received_at < c.received_at
       where p.contact_id = c.id and p.household_id is not null) group by 1,2,3,4,5,6`);
  parts.push(sql`select c.kind, 'duringMonitoring', g.grain, ${period('c.received_at')}, c.region_code, 'ja', count(*), 0
    from contact c, ${grains} where c.kind = 'melding' and c.during_monitoring group by 1,2,3,4,5,6`);
  parts.push(sql`select type, 'total', g.grain, ${period('at')}, region_code, '', count(*), 0 from contact_event, ${grains} group by 1,2,3,4,5,6`);
  parts.push(sql`select type, 'outcome', g.grain, ${period('at')}, region_code, coalesce(outcome, 'onbekend'), count(*), 0 from contact_event, ${grains} where type = 'onderzoek' group by 1,2,3,4,5,6`);
  parts.push(sql`select type, 'partner', g.grain, ${period('at')}, region_code, coalesce(partner, 'onbekend'), count(*), 0 from contact_event, ${grains} where type = 'overdracht' group by 1,2,3,4,5,6`);
  parts.push(sql`select 'beoordeling', 'total', g.grain, ${period('assessed_at')}, region_code, '', count(*), 0 from case_handling, ${grains} where assessed_at is not null group by 1,2,3,4,5,6`);
  parts.push(sql`select 'beoordeling', 'timeliness', g.grain, ${period('assessed_at')}, region_code, case when assessed_at <= assessment_due then 'op-tijd' else 'te-laat' end, count(*), 0 from case_handling, ${grains} where assessed_at is not null group by 1,2,3,4,5,6`);
  parts.push(sql`select 'onderzoek-besluit', 'total', g.grain, ${period('investigation_concluded_at')}, region_code, '', count(*), 0 from case_handling, ${grains} where investigation_concluded_at is not null group by 1,2,3,4,5,6`);
  parts.push(sql`select 'onderzoek-besluit', 'timeliness', g.grain, ${period('investigation_concluded_at')}, region_code, case when investigation_due is null then 'onbekend' when investigation_concluded_at <= investigation_due then 'op-tijd' else 'te-laat' end, count(*), 0 from case_handling, ${grains} where investigation_concluded_at is not null group by 1,2,3,4,5,6`);
  const chatRegion = `coalesce(region_code, 'landelijk')`;
  const chatDims: Record<string, string> = {
    total: `''`,
    result: `case when left_message then 'bericht' when accepted_at is not null then 'bediend' when status = 'ended' then 'afgehaakt' else 'wachtend' end`,
    visitorGroup: `coalesce(visitor_group, 'geen')`,
    outcome: `coalesce(outcome, 'geen')`,
  };
  for (const [dim, expr] of Object.entries(chatDims)) {
    parts.push(sql`select 'chat', ${dim}, g.grain, ${period('created_at')}, ${sql.raw(chatRegion)}, ${sql.raw(expr)}, count(*), 0 from chat_session, ${grains} group by 1,2,3,4,5,6`);
  }
  parts.push(sql`select 'chat', 'topic', g.grain, ${period('created_at')}, ${sql.raw(chatRegion)}, t, count(*), 0 from chat_session cross join unnest(topics) t, ${grains} group by 1,2,3,4,5,6`);
  const wait = 'round(extract(epoch from accepted_at - created_at))';
  const dur = 'round(extract(epoch from ended_at - accepted_at))';
  const waitBucket = `case when ${wait} < 60 then '0-1' when ${wait} < 300 then '1-5' when ${wait} < 900 then '5-15' when ${wait} < 1800 then '15-30' else '30+' end`;
  const durBucket = `case when ${dur} < 600 then '0-10' when ${dur} < 1200 then '10-20' when ${dur} < 2400 then '20-40' when ${dur} < 3600 then '40-60' else '60+' end`;
  for (const [dim, expr] of [['total', `''`], ['bucket', waitBucket]] as const) {
    parts.push(sql`select 'chat-wachttijd', ${dim}, g.grain, ${period('created_at')}, ${sql.raw(chatRegion)}, ${sql.raw(expr)}, count(*), sum(${sql.raw(wait)}) from chat_session, ${grains} where accepted_at is not null and not left_message group by 1,2,3,4,5,6`);
  }
  for (const [dim, expr] of [['total', `''`], ['bucket', durBucket]] as const) {
    parts.push(sql`select 'chat-duur', ${dim}, g.grain, ${period('created_at')}, ${sql.raw(chatRegion)}, ${sql.raw(expr)}, count(*), sum(${sql.raw(dur)}) from chat_session, ${grains} where accepted_at is not null and ended_at is not null group by 1,2,3,4,5,6`);
  }
  parts.push(sql`select 'codeword', 'total', g.grain, ${period(`used_on::timestamp at time zone 'Europe/Amsterdam'`)}, region_code, '', count(*), 0 from codeword_use, ${grains} group by 1,2,3,4,5,6`);
  parts.push(sql`select 'codeword', 'path', g.grain, ${period(`used_on::timestamp at time zone 'Europe/Amsterdam'`)}, region_code, path, count(*), 0 from codeword_use, ${grains} group by 1,2,3,4,5,6`);
  const { rows } = await sql<Row>`${sql.join(parts, sql` union all `)}`.execute(db);
  // The national rows: the sum over all regions (and 'landelijk' chats).
  const national = new Map<string, Row>();
  for (const r of normalise(rows)) {
    const key = JSON.stringify([r.measure, r.dimension, r.grain, r.period, r.value]);
    const sum = national.get(key) ?? { ...r, region_code: 'NL', n: 0, seconds: 0 };
    sum.n += r.n;
    sum.seconds += r.seconds;
    national.set(key, sum);
  }
  return normalise([...rows, ...national.values()]);
}

/** The counters as readers see them: summed over the stripes of each key (migration 0020). */
export async function readCounters(db: Db): Promise<Row[]> {
  const { rows } = await sql<Row>`
    select measure, dimension, grain, period, region_code, value, sum(n)::bigint as n, sum(seconds)::bigint as seconds
      from stats_count
     group by 1, 2, 3, 4, 5, 6
    having sum(n) <> 0 or sum(seconds) <> 0`.execute(db);
  return normalise(rows);
}

function normalise(rows: Row[]): Row[] {
  return rows
    .map((r) => ({ ...r, period: String(r.period).slice(0, 10), n: Number(r.n), seconds: Number(r.seconds) }))
    .sort((a, b) => JSON.stringify([a.measure, a.dimension, a.grain, a.period, a.region_code, a.value]).localeCompare(JSON.stringify([b.measure, b.dimension, b.grain, b.period, b.region_code, b.value])));
}

