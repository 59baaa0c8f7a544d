/** Code lists of the chat: who the visitor is, age group, topics and outcome (issue 5). */
export const VISITOR_GROUPS = ['slachtoffer', 'omstander', 'pleger', 'professional', 'kind-jongere', 'onbekend'] as const;
export const AGE_GROUPS = ['tot-12', '12-17', '18-24', '25-44', '45-64', '65-plus', 'onbekend'] as const;
export const TOPICS = [
  'partnergeweld',
  'kindermishandeling',
  'ouderenmishandeling',
  'geweld-tegen-ouders',
  'seksueel-geweld',
  'eergerelateerd-geweld',
  'stalking',
  'spanningen-thuis',
  'overig',
] as const;
export const OUTCOMES = ['informatie-advies', 'doorverwezen', 'omgezet-advies', 'omgezet-melding', 'afgebroken'] as const;

export type VisitorGroup = (typeof VISITOR_GROUPS)[number];
export type Outcome = (typeof OUTCOMES)[number];

/** Mean length of a serious chat (DOMAIN.md: about 20 minutes), used for the wait estimate. */
export const MEAN_CHAT_MINUTES = 20;

/**
 * The wait a visitor is told: their place divided over the free chat places, times a mean chat.
 * Null when nobody is available: we then say we do not know, rather than a number that lies.
 */
export function estimateWaitMinutes(position: number, totalCapacity: number): number | null {
  if (totalCapacity <= 0) return null;
  return Math.max(1, Math.ceil(position / totalCapacity) * Math.ceil(MEAN_CHAT_MINUTES / 2));
}
