import type { ChangeEvent } from 'react';
import { Button, Fieldset, FieldsetLegend, Paragraph, Select, SelectOption, Textbox } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { PERSON_ROLES, type NewPerson, type PersonRole } from './api.types.ts';
import { Field } from './field.component.tsx';

export interface PersonDraft {
  key: number;
  role: PersonRole;
  name: string;
  birthDate: string;
  street: string;
  postcode: string;
  place: string;
  bsn: string;
}

export type PersonErrors = Partial<Record<'name' | 'postcode' | 'bsn', string>>;

let nextKey = 1;
export function emptyPerson(): PersonDraft {
  return { key: nextKey++, role: 'slachtoffer', name: '', birthDate: '', street: '', postcode: '', place: '', bsn: '' };
}

/** The elfproef of a BSN (the server checks it too: domain/households/bsn.ts). */
export function isValidBsn(value: string): boolean {
  if (!/^\d{9}$/.test(value) || value === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(value[i]) * (9 - i);
  return (sum - Number(value[8])) % 11 === 0;
}

/** Checks drafts; returns per-person errors (empty objects when fine). */
export function checkPersons(persons: readonly PersonDraft[], t: (key: string, options?: Record<string, unknown>) => string): PersonErrors[] {
  return persons.map((p, index) => {
    const e: PersonErrors = {};
    if (!p.name.trim()) e.name = t('contactForm.personNameRequired', { number: index + 1 });
    if (p.postcode.trim() && !/^[1-9]\d{3}\s?[A-Za-z]{2}$/.test(p.postcode.trim())) e.postcode = t('contactForm.personPostcodeInvalid');
    if (p.bsn.trim() && !isValidBsn(p.bsn.trim())) e.bsn = t('contactForm.personBsnInvalid');
    return e;
  });
}

export function toNewPerson(p: PersonDraft): NewPerson {
  const orNull = (v: string) => (v.trim() ? v.trim() : null);
  return { role: p.role, name: p.name.trim(), birthDate: orNull(p.birthDate), street: orNull(p.street), postcode: orNull(p.postcode), place: orNull(p.place), bsn: orNull(p.bsn) };
}

/** "Betrokkenen": add and remove people involved in a melding. */
export function PersonsEditor({ persons, errors, onChange }: { persons: PersonDraft[]; errors: PersonErrors[]; onChange: (next: PersonDraft[]) => void }) {
  const { t } = useTranslation();
  const update = (key: number, patch: Partial<PersonDraft>) => onChange(persons.map((p) => (p.key === key ? { ...p, ...patch } : p)));
  const text = (p: PersonDraft, field: 'name' | 'birthDate' | 'street' | 'postcode' | 'place' | 'bsn') => ({
    value: p[field],
    onChange: (e: ChangeEvent<HTMLInputElement>) => update(p.key, { [field]: e.target.value }),
  });
  return (
    <Fieldset className="signaal-section">
      <FieldsetLegend>{t('contactForm.personsLegend')}</FieldsetLegend>
      <Paragraph>{t('contactForm.personsIntro')}</Paragraph>
      {persons.map((p, index) => {
        const number = index + 1;
        const e = errors[index] ?? {};
        return (
          <Fieldset key={p.key} className="signaal-panel signaal-person">
            <FieldsetLegend>{t('contactForm.personLegend', { number })}</FieldsetLegend>
            <Field label={t('contactForm.personRole')} required>
              {(c) => (
                <Select {...c} name={`person-${number}-role`} value={p.role} onChange={(ev: ChangeEvent<HTMLSelectElement>) => update(p.key, { role: ev.target.value as PersonRole })}>
                  {PERSON_ROLES.map((r) => (
                    <SelectOption key={r} value={r}>
                      {t(`enums.personRole.${r}`)}
                    </SelectOption>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t('contactForm.personName')} error={e.name ?? null} required>
              {(c) => <Textbox {...c} name={`person-${number}-name`} autoComplete="off" maxLength={200} {...text(p, 'name')} />}
            </Field>
            <Field label={t('contactForm.personBirthDate')}>
              {(c) => <Textbox {...c} type="date" name={`person-${number}-birthDate`} {...text(p, 'birthDate')} />}
            </Field>
            <Field label={t('contactForm.personStreet')}>
              {(c) => <Textbox {...c} name={`person-${number}-street`} autoComplete="off" maxLength={200} {...text(p, 'street')} />}
            </Field>
            <Field label={t('contactForm.personPostcode')} error={e.postcode ?? null}>
              {(c) => <Textbox {...c} name={`person-${number}-postcode`} autoComplete="off" size={8} maxLength={7} {...text(p, 'postcode')} />}
            </Field>
            <Field label={t('contactForm.personPlace')}>
              {(c) => <Textbox {...c} name={`person-${number}-place`} autoComplete="off" maxLength={100} {...text(p, 'place')} />}
            </Field>
            <Field label={t('contactForm.personBsn')} description={t('contactForm.personBsnHint')} error={e.bsn ?? null}>
              {(c) => <Textbox {...c} name={`person-${number}-bsn`} inputMode="numeric" autoComplete="off" size={10} maxLength={9} {...text(p, 'bsn')} />}
            </Field>
            <Button type="button" appearance="secondary-action-button" onClick={() => onChange(persons.filter((x) => x.key !== p.key))}>
              {t('contactForm.removePerson', { number })}
            </Button>
          </Fieldset>
        );
      })}
      <div className="signaal-actions">
        <Button type="button" appearance="secondary-action-button" onClick={() => onChange([...persons, emptyPerson()])}>
          {t('contactForm.addPerson')}
        </Button>
      </div>
    </Fieldset>
  );
}
