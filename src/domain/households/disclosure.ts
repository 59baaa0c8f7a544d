/**
 * Reporter identity protection (Uitvoeringsbesluit Wmo 2015 art. 4.1.8): Veilig Thuis does not
 * name a professional reporter as the source of a melding to the family or to a chain partner,
 * unless the reporter agreed (contact.reporter_shareable). Everything that leaves Veilig Thuis
 * (letters to the family, a handover to a partner, exports for a partner) must take the reporter
 * through this function, never from the contact row directly.
 *
 * A private reporter (burger) is protected in the same way: whoever told us about a family is
 * only named to that family or a partner when they agreed.
 */
export const AUDIENCES = ['staff', 'family', 'partner'] as const;
export type Audience = (typeof AUDIENCES)[number];

export interface ReporterFacts {
  reporterType: string;
  reporterGroup: string;
  reporterName: string | null;
  reporterContact: string | null;
  /** The reporter agreed to be named as the source. */
  reporterShareable: boolean;
}

export type Disclosure =
  | { shown: true; reporterType: string; reporterGroup: string; reporterName: string | null; reporterContact: string | null }
  | { shown: false; reason: 'professional-not-shareable' | 'private-not-shareable' };

export function disclosableReporter(contact: ReporterFacts, audience: Audience): Disclosure {
  if (audience === 'staff' || contact.reporterShareable) {
    return {
      shown: true,
      reporterType: contact.reporterType,
      reporterGroup: contact.reporterGroup,
      reporterName: contact.reporterName,
      reporterContact: contact.reporterContact,
    };
  }
  // Not even the kind of reporter (a GP, the school) goes out: it often identifies the person.
  return { shown: false, reason: contact.reporterType === 'beroepsmatig' ? 'professional-not-shareable' : 'private-not-shareable' };
}
