/**
 * The afwegingskader of the verbeterde meldcode (2019, source NJi): five questions a professional
 * answers in steps 4 and 5, and where each answer leads. A pure function from the answers given so
 * far to the next question or the outcome, so the public tool, the organisation dossiers and the
 * PDF can never disagree about a branch.
 */
export const QUESTIONS = [1, 2, 3, 4, 5] as const;
export type Question = (typeof QUESTIONS)[number];

/** Answers so far: true is "ja", false is "nee", absent is not answered yet. */
export type Answers = Partial<Record<`q${Question}`, boolean>>;

/** Why a melding is needed, one code per branch of the afwegingskader. */
export const MELDING_REASONS = ['acute-of-structurele-onveiligheid', 'geen-passende-hulp', 'hulp-niet-aanvaard', 'hulp-onvoldoende-resultaat'] as const;
export type MeldingReason = (typeof MELDING_REASONS)[number];

export type Verdict =
  /** Answer this question next. After question 4 "ja", help is given first, then question 5. */
  | { kind: 'question'; question: Question; helpUnderway: boolean }
  /** Question 1 "nee": no suspicion; close, and record that in the own file. */
  | { kind: 'close'; reason: 'geen-vermoeden' }
  /** Report to Veilig Thuis. After "acute of structurele onveiligheid" questions 3-5 are answered together with Veilig Thuis. */
  | { kind: 'melding'; reason: MeldingReason; restWithVeiligThuis: boolean }
  /** Question 5 "ja": close the help, with agreements on monitoring future (un)safety. */
  | { kind: 'help-with-monitoring' };

export const OUTCOMES = ['melding', 'hulp-met-monitoring', 'afgesloten'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * Walks the questions in order and stops at the first one that decides. Answers to later questions
 * than the one that decided are ignored (a professional who changes an earlier answer gets the
 * branch of the new answer, not a mix).
 */
export function weigh(answers: Answers): Verdict {
  if (answers.q1 === undefined) return { kind: 'question', question: 1, helpUnderway: false };
  if (!answers.q1) return { kind: 'close', reason: 'geen-vermoeden' };
  if (answers.q2 === undefined) return { kind: 'question', question: 2, helpUnderway: false };
  if (answers.q2) return { kind: 'melding', reason: 'acute-of-structurele-onveiligheid', restWithVeiligThuis: true };
  if (answers.q3 === undefined) return { kind: 'question', question: 3, helpUnderway: false };
  if (!answers.q3) return { kind: 'melding', reason: 'geen-passende-hulp', restWithVeiligThuis: false };
  if (answers.q4 === undefined) return { kind: 'question', question: 4, helpUnderway: false };
  if (!answers.q4) return { kind: 'melding', reason: 'hulp-niet-aanvaard', restWithVeiligThuis: false };
  if (answers.q5 === undefined) return { kind: 'question', question: 5, helpUnderway: true };
  if (!answers.q5) return { kind: 'melding', reason: 'hulp-onvoldoende-resultaat', restWithVeiligThuis: false };
  return { kind: 'help-with-monitoring' };
}

/** The outcome a final verdict leads to; null while a question is still open. */
export function outcomeOf(v: Verdict): Outcome | null {
  switch (v.kind) {
    case 'question':
      return null;
    case 'close':
      return 'afgesloten';
    case 'melding':
      return 'melding';
    case 'help-with-monitoring':
      return 'hulp-met-monitoring';
  }
}

/** Only the answers that led to the verdict (drops answers to questions after the deciding one). */
export function relevantAnswers(answers: Answers): Answers {
  const out: Answers = {};
  for (const q of QUESTIONS) {
    const key = `q${q}` as const;
    const v = weigh(out);
    if (v.kind !== 'question' || v.question !== q || answers[key] === undefined) break;
    out[key] = answers[key];
  }
  return out;
}
