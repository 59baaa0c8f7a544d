import { sql, type Kysely } from 'kysely';

/**
 * The national anonymous chat (DOMAIN.md "Intake channels"; docs/adr/0008-chat.md).
 *
 * - chat_session: one conversation. The visitor is known only by a nickname they chose and a
 *   random token that lives in their browser tab; we keep a sha256 hash of the token, never the
 *   token, and no IP address or user agent at all. region_code is the visitor's region when they
 *   named a municipality, else null (national queue).
 * - chat_message: the transcript, numbered per session (seq) so a client can resume "after n"
 *   and order is the database's, not the network's. client_id makes a resent message (flaky
 *   connection) land once.
 * - chat_worker: a worker's availability and capacity, shared by all server processes.
 * - chat_opening_hours / chat_opening_exception: weekly hours per scope ('NL' or a region code)
 *   and dated exceptions (e.g. evenings until 22:00 on working days during a curfew).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
CREATE TABLE chat_session (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash text NOT NULL UNIQUE,
  nickname text NOT NULL CHECK (length(nickname) BETWEEN 1 AND 40),
  municipality_code text,
  region_code text REFERENCES region(code),
  status text NOT NULL CHECK (status IN ('waiting', 'active', 'ended')),
  -- Left while the chat was closed: a message waiting for the next opening.
  left_message boolean NOT NULL DEFAULT false,
  worker_id uuid REFERENCES staff_user(id),
  last_seq integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- When it (re)entered the queue: a transfer to another region queues it again, keeping its turn.
  queued_at timestamptz NOT NULL DEFAULT now(),
  accepted_at timestamptz,
  ended_at timestamptz,
  ended_by text CHECK (ended_by IN ('visitor', 'worker')),
  -- Last time the visitor's tab asked for news: a chat whose visitor is long gone is closed.
  visitor_seen_at timestamptz NOT NULL DEFAULT now(),
  visitor_typing_at timestamptz,
  worker_typing_at timestamptz,
  transfer_note text CHECK (length(transfer_note) <= 1000),
  visitor_group text,
  age_group text,
  topics text[] NOT NULL DEFAULT '{}',
  outcome text,
  contact_id uuid REFERENCES contact(id),
  transcript_deleted_at timestamptz
);
CREATE INDEX chat_session_queue ON chat_session (queued_at) WHERE status = 'waiting';
CREATE INDEX chat_session_worker ON chat_session (worker_id) WHERE status = 'active';
CREATE INDEX chat_session_ended ON chat_session (ended_at) WHERE transcript_deleted_at IS NULL;

CREATE TABLE chat_message (
  session_id uuid NOT NULL REFERENCES chat_session(id) ON DELETE CASCADE,
  seq integer NOT NULL,
  sender text NOT NULL CHECK (sender IN ('visitor', 'worker', 'system')),
  client_id text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 64),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, seq),
  UNIQUE (session_id, client_id)
);

CREATE TABLE chat_worker (
  user_id uuid PRIMARY KEY REFERENCES staff_user(id),
  region_code text NOT NULL REFERENCES region(code),
  available boolean NOT NULL DEFAULT false,
  capacity integer NOT NULL DEFAULT 2 CHECK (capacity BETWEEN 1 AND 6),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE chat_opening_hours (
  scope text NOT NULL CHECK (scope ~ '^[A-Z0-9-]{2,20}$'),
  -- ISO weekday: 1 = Monday ... 7 = Sunday.
  weekday integer NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  opens time NOT NULL,
  closes time NOT NULL CHECK (closes > opens),
  PRIMARY KEY (scope, weekday)
);

CREATE TABLE chat_opening_exception (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  scope text NOT NULL CHECK (scope ~ '^[A-Z0-9-]{2,20}$'),
  date_from date NOT NULL,
  date_to date NOT NULL CHECK (date_to >= date_from),
  -- Only on working days (Monday-Friday, not a public holiday), as in "werkdagen 09:00-22:00".
  working_days_only boolean NOT NULL DEFAULT false,
  -- Both null: closed on those days.
  opens time,
  closes time,
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 200),
  CHECK ((opens IS NULL) = (closes IS NULL) AND (closes IS NULL OR closes > opens))
);

-- The national chat's usual hours: working days 09:00-17:00 (an admin changes them).
INSERT INTO chat_opening_hours (scope, weekday, opens, closes)
  SELECT 'NL', d, '09:00', '17:00' FROM generate_series(1, 5) AS d;

GRANT SELECT, UPDATE ON chat_session TO signaal_app;
GRANT SELECT, INSERT ON chat_message TO signaal_app;
GRANT SELECT, INSERT, UPDATE ON chat_worker TO signaal_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON chat_opening_hours, chat_opening_exception TO signaal_app;

-- The chat is national: every chat worker sees the waiting queue (to take the next chat) and
-- the chats assigned to them; ended chats stay visible to their worker (tags, outcome). A
-- transcript is readable only by the worker of the chat, never while it waits. Visitors never act as signaal_app: the public routes check
-- the tab's token and run as the owner.
ALTER TABLE chat_session ENABLE ROW LEVEL SECURITY;
CREATE POLICY chat_session_read ON chat_session FOR SELECT TO signaal_app
  USING (signaal_has_permission('chat:handle')
         AND (status = 'waiting' OR worker_id::text = current_setting('signaal.user_id', true)));
CREATE POLICY chat_session_update ON chat_session FOR UPDATE TO signaal_app
  USING (signaal_has_permission('chat:handle')
         AND (status = 'waiting' OR worker_id::text = current_setting('signaal.user_id', true)))
  WITH CHECK (signaal_has_permission('chat:handle'));

-- Handing a chat to a colleague: afterwards the row is the colleague's, which the SELECT policy
-- (applied by PostgreSQL to the new row of an UPDATE as well) rightly hides from the giver. So
-- this one change runs as the owner, and checks itself that the caller has chat:handle, holds
-- the chat now, and that the colleague is an available chat worker of the same region.
CREATE FUNCTION signaal_chat_handover(p_chat uuid, p_to uuid, p_note text) RETURNS boolean
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
    UPDATE public.chat_session s
       SET worker_id = p_to, transfer_note = p_note, worker_typing_at = NULL
     WHERE s.id = p_chat
       AND s.status = 'active'
       AND public.signaal_has_permission('chat:handle')
       AND s.worker_id::text = current_setting('signaal.user_id', true)
       AND EXISTS (SELECT 1 FROM public.chat_worker w
                    WHERE w.user_id = p_to AND w.available
                      AND w.region_code = public.signaal_region()
                      AND w.user_id::text <> current_setting('signaal.user_id', true))
    RETURNING true
  $f$;
REVOKE ALL ON FUNCTION signaal_chat_handover(uuid, uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION signaal_chat_handover(uuid, uuid, text) TO signaal_app;

ALTER TABLE chat_message ENABLE ROW LEVEL SECURITY;
CREATE POLICY chat_message_read ON chat_message FOR SELECT TO signaal_app
  USING (EXISTS (SELECT 1 FROM chat_session s WHERE s.id = session_id AND s.status <> 'waiting'));
CREATE POLICY chat_message_insert ON chat_message FOR INSERT TO signaal_app
  WITH CHECK (sender = 'worker' AND EXISTS (SELECT 1 FROM chat_session s WHERE s.id = session_id AND s.status = 'active'));

ALTER TABLE chat_worker ENABLE ROW LEVEL SECURITY;
CREATE POLICY chat_worker_read ON chat_worker FOR SELECT TO signaal_app
  USING (signaal_has_permission('chat:handle') OR signaal_has_permission('chat:manage'));
CREATE POLICY chat_worker_insert ON chat_worker FOR INSERT TO signaal_app
  WITH CHECK (user_id::text = current_setting('signaal.user_id', true) AND region_code = signaal_region());
CREATE POLICY chat_worker_update ON chat_worker FOR UPDATE TO signaal_app
  USING (user_id::text = current_setting('signaal.user_id', true));

-- Opening hours are public information. An admin manages the national hours and those of
-- their own region.
ALTER TABLE chat_opening_hours ENABLE ROW LEVEL SECURITY;
CREATE POLICY chat_opening_hours_read ON chat_opening_hours FOR SELECT TO signaal_app USING (true);
CREATE POLICY chat_opening_hours_write ON chat_opening_hours FOR ALL TO signaal_app
  USING (signaal_has_permission('chat:manage') AND scope IN ('NL', signaal_region()))
  WITH CHECK (signaal_has_permission('chat:manage') AND scope IN ('NL', signaal_region()));
ALTER TABLE chat_opening_exception ENABLE ROW LEVEL SECURITY;
CREATE POLICY chat_opening_exception_read ON chat_opening_exception FOR SELECT TO signaal_app USING (true);
CREATE POLICY chat_opening_exception_write ON chat_opening_exception FOR ALL TO signaal_app
  USING (signaal_has_permission('chat:manage') AND scope IN ('NL', signaal_region()))
  WITH CHECK (signaal_has_permission('chat:manage') AND scope IN ('NL', signaal_region()));

-- The public information pages around the chat, in plain Dutch (B1) and English. Admins edit
-- them in the console; these are the starting texts (helpline hours to be checked by the admin).
CREATE TABLE public_page (
  slug text NOT NULL CHECK (slug ~ '^[a-z-]{2,40}$'),
  lang text NOT NULL CHECK (lang IN ('nl', 'en')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body text NOT NULL CHECK (length(body) <= 20000),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES staff_user(id),
  PRIMARY KEY (slug, lang)
);
INSERT INTO public_page (slug, lang, title, body) VALUES
  ('wat-doet-veilig-thuis', 'nl', 'Wat doet Veilig Thuis?', 'Veilig Thuis helpt bij huiselijk geweld en kindermishandeling. Voor slachtoffers, omstanders, plegers en professionals.

U kunt ons bellen, met ons chatten of een formulier invullen. U mag anoniem blijven als u advies vraagt.

Wat gebeurt er na een gesprek of chat?
- U krijgt advies: wat kunt u zelf doen, en wie kan helpen.
- Soms besluiten we samen met u dat Veilig Thuis meer moet doen. Dan maken we een melding.

Wat gebeurt er na een melding?
- Binnen 5 werkdagen kijken we hoe veilig het thuis is. Bij direct gevaar doen we dat meteen.
- Daarna beslissen we wat nodig is: zelf onderzoek doen, afspraken maken over veiligheid, of hulp regelen via bijvoorbeeld het wijkteam.
- Wie een melding doet, hoort van ons wat we gaan doen.

Bij direct gevaar: bel 112.'),
  ('omstander', 'nl', 'Ik maak me zorgen om iemand anders', 'Denkt u dat het bij iemand thuis niet veilig is? Bij de buren, in de familie of bij een vriend? U hoeft het niet zeker te weten.

Wat kunt u doen?
- Let goed op wat u ziet en hoort. Schrijf het op, met de datum.
- Praat met de persoon als dat veilig kan. Vraag hoe het gaat. Luister zonder te oordelen.
- Vraag Veilig Thuis om advies. Bel 0800-2000 of chat met ons. U mag anoniem blijven.
- Samen bekijken we wat u kunt doen, en of Veilig Thuis in actie moet komen.

Hoort of ziet u nu geweld? Bel 112.'),
  ('spanning-thuis', 'nl', 'Als de spanning thuis oploopt', 'Iedereen heeft weleens ruzie. Maar soms lopen de spanningen thuis te hoog op. Bijvoorbeeld als u veel thuis moet zijn, of zorgen heeft over geld of werk.

Wat kunt u doen?
- Merk op wanneer de spanning stijgt. Wat gebeurt er dan met u?
- Neem even afstand. Ga naar een andere kamer of maak een wandeling.
- Praat erover als u weer rustig bent. Niet tijdens de ruzie.
- Zorg voor rust en ritme op een dag. Beweeg, slaap genoeg.
- Praat met iemand die u vertrouwt.
- Vraag hulp. Bel of chat met Veilig Thuis, ook als u bang bent dat u zelf te ver gaat.

Bent u of iemand anders in gevaar? Bel 112.'),
  ('hulplijnen', 'nl', 'Andere hulplijnen', 'Veilig Thuis: bel 0800-2000. Gratis, dag en nacht.

Kinderen en jongeren:
- De Kindertelefoon: bel 0800-0432 of chat. Gratis en anoniem. Elke dag van 11:00 tot 21:00 uur.

Als u met iemand wilt praten:
- De Luisterlijn: bel 088-0767000. Dag en nacht.

Vragen over psychische gezondheid, spanningen thuis of opvoeden:
- MIND Korrelatie: bel 0900-1450. Op werkdagen.

Bij direct gevaar: bel 112.

Controleer de tijden op de website van de hulplijn; die kunnen veranderen.'),
  ('wat-doet-veilig-thuis', 'en', 'What does Veilig Thuis do?', 'Veilig Thuis helps with domestic violence and child abuse. For victims, bystanders, perpetrators and professionals.

You can call us, chat with us or fill in a form. You may stay anonymous when you ask for advice.

What happens after a call or chat?
- You get advice: what you can do yourself, and who can help.
- Sometimes we decide together that Veilig Thuis must do more. Then we make a report.

What happens after a report?
- Within 5 working days we look at how safe it is at home. In direct danger we do that at once.
- Then we decide what is needed: an investigation, agreements about safety, or help through for example the local team.
- Whoever makes a report hears from us what we are going to do.

In direct danger: call 112.'),
  ('omstander', 'en', 'I am worried about someone else', 'Do you think it is not safe at someone''s home? With the neighbours, in the family or with a friend? You do not have to be sure.

What can you do?
- Pay attention to what you see and hear. Write it down, with the date.
- Talk to the person if that is safe. Ask how they are. Listen without judging.
- Ask Veilig Thuis for advice. Call 0800-2000 or chat with us. You may stay anonymous.
- Together we look at what you can do, and whether Veilig Thuis must act.

Do you hear or see violence now? Call 112.'),
  ('spanning-thuis', 'en', 'When tension rises at home', 'Everybody argues sometimes. But sometimes tension at home runs too high. For example when you have to stay at home a lot, or worry about money or work.

What can you do?
- Notice when the tension rises. What happens to you then?
- Take some distance. Go to another room or take a walk.
- Talk about it when you are calm again. Not during the argument.
- Keep rest and rhythm in the day. Move, sleep enough.
- Talk to someone you trust.
- Ask for help. Call or chat with Veilig Thuis, also if you are afraid you go too far yourself.

Are you or someone else in danger? Call 112.'),
  ('hulplijnen', 'en', 'Other helplines', 'Veilig Thuis: call 0800-2000. Free, day and night.

Children and young people:
- De Kindertelefoon: call 0800-0432 or chat. Free and anonymous. Every day from 11:00 to 21:00.

If you want to talk to someone:
- De Luisterlijn: call 088-0767000. Day and night.

Questions about mental health, tension at home or parenting:
- MIND Korrelatie: call 0900-1450. On working days.

In direct danger: call 112.

Check the hours on the helpline''s website; they can change.');
GRANT SELECT, UPDATE ON public_page TO signaal_app;
ALTER TABLE public_page ENABLE ROW LEVEL SECURITY;
CREATE POLICY public_page_read ON public_page FOR SELECT TO signaal_app USING (true);
CREATE POLICY public_page_update ON public_page FOR UPDATE TO signaal_app
  USING (signaal_has_permission('pages:manage')) WITH CHECK (signaal_has_permission('pages:manage'));
`,
    )
    .execute(db);
}
