import { describe, expect, it } from 'vitest';
import { isValidBsn } from './bsn.ts';
import { disclosableReporter, type ReporterFacts } from './disclosure.ts';
import { matchHouseholds, matchReason, similarSurname, type KnownPerson, type PersonFacts } from './matching.ts';
import { houseNumber, normaliseName, normalisePostcode } from './persons.ts';

describe('the elfproef', () => {
  it('accepts valid BSNs', () => {
    for (const bsn of ['111222333', '123456782', '999999990']) expect(isValidBsn(bsn), bsn).toBe(true);
  });
  it('refuses wrong checksums, wrong lengths, letters and all zeros', () => {
    for (const bsn of ['123456789', '111222334', '12345678', '1234567820', '12345678a', '000000000', '']) expect(isValidBsn(bsn), bsn).toBe(false);
  });
});

describe('normalising', () => {
  it('names, postcodes and house numbers', () => {
    expect(normaliseName('  Jan-Peter  de Vriès ')).toBe('jan peter de vries');
    expect(normalisePostcode('1234 ab')).toBe('1234AB');
    expect(normalisePostcode('0123AB')).toBeNull();
    expect(houseNumber('Dorpsstraat 12a')).toBe('12a');
    expect(houseNumber('Kerkstraat 3-A')).toBe('3a');
    expect(houseNumber('2e Jan Steenstraat 14')).toBe('14');
    expect(houseNumber('Geen nummer')).toBeNull();
    expect(similarSurname('Piet Jansen', 'Marie Janssen')).toBe(true);
    expect(similarSurname('Piet de Vries', 'Anna Vries')).toBe(true);
    expect(similarSurname('Piet Bakker', 'Anna Visser')).toBe(false);
  });
});

const base: PersonFacts = { name: 'Sara de Boer', birthDate: '2015-03-04', street: 'Lindenlaan 7', postcode: '1211 AB', bsn: null };
const known = (over: Partial<KnownPerson>): KnownPerson => ({ ...base, id: 'p', householdId: 'h', ...over });

describe('matching a person', () => {
  it('a shared BSN is certain; two different BSNs are never the same person', () => {
    expect(matchReason({ ...base, bsn: '111222333' }, known({ name: 'S. Boer', bsn: '111222333' }))).toBe('bsn');
    expect(matchReason({ ...base, bsn: '111222333' }, known({ bsn: '123456782' }))).toBeNull();
  });
  it('the same name and birth date is strong, whatever the spelling of accents and case', () => {
    expect(matchReason(base, known({ name: 'SARA DE BÖER', street: null, postcode: null }))).toBe('name-birth-date');
    expect(matchReason(base, known({ birthDate: '2015-03-05', street: null, postcode: null }))).toBeNull();
  });
  it('the same address and a similar surname is possible', () => {
    expect(matchReason(base, known({ name: 'Kees Boers', birthDate: '1980-01-01', street: 'Lindenlaan 7', postcode: '1211AB' }))).toBe('address-surname');
    expect(matchReason(base, known({ name: 'Kees Jansen', birthDate: '1980-01-01' }))).toBeNull();
    expect(matchReason(base, known({ name: 'Kees Boer', birthDate: '1980-01-01', street: 'Lindenlaan 9' }))).toBeNull();
  });
});

describe('matching households', () => {
  it('returns each household once, strongest first, with its reasons', () => {
    const people: PersonFacts[] = [base, { name: 'Tom de Boer', birthDate: '1985-06-07', street: 'Lindenlaan 7', postcode: '1211AB', bsn: '111222333' }];
    const knownPeople: KnownPerson[] = [
      known({ id: 'a1', householdId: 'A', name: 'Anna de Boer', birthDate: '1986-01-01' }), // address + surname: possible
      known({ id: 'b1', householdId: 'B', name: 'Sara de Boer', street: null, postcode: null }), // strong
      known({ id: 'b2', householdId: 'B', name: 'T. Boer', birthDate: null, street: null, bsn: '111222333' }), // certain
      known({ id: 'c1', householdId: 'C', name: 'Iemand Anders', birthDate: '1970-01-01', street: 'Elders 1', postcode: '9999ZZ' }),
    ];
    const result = matchHouseholds(people, knownPeople);
    expect(result.map((c) => [c.householdId, c.strength, c.score])).toEqual([
      ['B', 'certain', 100],
      ['A', 'possible', 55],
    ]);
    expect(result[0]!.reasons).toEqual([
      { reason: 'bsn', person: 1, knownPersonId: 'b2' },
      { reason: 'name-birth-date', person: 0, knownPersonId: 'b1' },
    ]);
  });
  it('finds nothing without people or without known households', () => {
    expect(matchHouseholds([], [known({})])).toEqual([]);
    expect(matchHouseholds([base], [])).toEqual([]);
  });
});

describe('disclosing the reporter', () => {
  const gp: ReporterFacts = { reporterType: 'beroepsmatig', reporterGroup: 'huisarts', reporterName: 'Dokter X', reporterContact: '020-1234567', reporterShareable: false };
  it('staff always see the reporter', () => {
    expect(disclosableReporter(gp, 'staff')).toMatchObject({ shown: true, reporterGroup: 'huisarts', reporterName: 'Dokter X' });
  });
  it('the family and partners never learn a professional reporter who did not agree, not even the profession', () => {
    for (const audience of ['family', 'partner'] as const) {
      const d = disclosableReporter(gp, audience);
      expect(d).toEqual({ shown: false, reason: 'professional-not-shareable' });
      expect(JSON.stringify(d)).not.toMatch(/huisarts|Dokter/);
    }
  });
  it('a reporter who agreed is shown; a private reporter is protected likewise', () => {
    expect(disclosableReporter({ ...gp, reporterShareable: true }, 'family')).toMatchObject({ shown: true, reporterName: 'Dokter X' });
    expect(disclosableReporter({ ...gp, reporterType: 'particulier', reporterGroup: 'burger' }, 'partner')).toEqual({ shown: false, reason: 'private-not-shareable' });
  });
});
