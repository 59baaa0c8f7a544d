import { useState, type ChangeEvent, type FormEvent } from 'react';
import {
  Button,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormLabel,
  Heading2,
  Heading3,
  Paragraph,
  RadioButton,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { Contact, HouseholdLookupResult } from './api.types.ts';
import { useCan, useConsole } from './console.context.ts';
import { ConsoleLink } from './console-link.component.tsx';
import { errorText } from './error-text.ts';
import { Field } from './field.component.tsx';
import { FormAlert } from './form-alert.component.tsx';
import { formatDateTime } from './format.ts';
import { PageTitle } from './page-title.component.tsx';
import { isValidBsn } from './persons-editor.component.tsx';
import { useLoad } from './use-load.hook.ts';

function formatDay(date: string, lang: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** On a melding's page: its household file, or the match candidates with the worker's choice. */
export function ContactHouseholdSection({ contact }: { contact: Contact }) {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const can = useCan();
  const [linked, setLinked] = useState<string | null>(contact.householdId ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hasPersons = (contact.persons?.length ?? 0) > 0;
  const matches = useLoad(
    () => (contact.kind === 'melding' && hasPersons && !linked && can('households:read') ? api.householdMatches(contact.id) : Promise.resolve(null)),
    [contact.id, linked],
  );

  const join = async (choice: { householdId: string } | { new: true }): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setLinked((await api.joinHousehold(contact.id, choice)).householdId);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  let body;
  if (contact.kind !== 'melding') body = <Paragraph>{t('contacts.householdAdvies')}</Paragraph>;
  else if (linked)
    body = (
      <>
        <FormAlert type="ok" message={linked !== contact.householdId ? t('contacts.joined') : null} />
        <Paragraph>{t('contacts.householdLinked')}</Paragraph>
        <Paragraph>
          <ConsoleLink to={`/households/${linked}`}>{t('contacts.householdOpen')}</ConsoleLink>
        </Paragraph>
      </>
    );
  else if (!hasPersons) body = <Paragraph>{t('contacts.householdNeedsPersons')}</Paragraph>;
  else {
    const candidates = matches.data?.candidates ?? [];
    body = (
      <>
        <FormAlert message={matches.error ? errorText(t, matches.error) : null} />
        {matches.loading && !matches.data ? <Paragraph role="status">{t('app.loading')}</Paragraph> : null}
        {matches.data && candidates.length === 0 ? <Paragraph>{t('contacts.householdNoMatches')}</Paragraph> : null}
        {candidates.length > 0 ? <Paragraph>{t('contacts.householdMatchesIntro')}</Paragraph> : null}
        {candidates.map((c, index) => (
          <section key={c.householdId} className="signaal-panel signaal-field" aria-labelledby={`match-${index}`}>
            <Heading3 id={`match-${index}`}>
              {t('contacts.householdCandidate', { count: c.meldingen, date: c.lastReceivedAt ? formatDateTime(c.lastReceivedAt, i18n.language) : t('common.none') })}
            </Heading3>
            <Paragraph>
              {t('contacts.householdStrength')}: <strong>{t(`contacts.matchStrength.${c.strength}`)}</strong>
            </Paragraph>
            <ul>
              {c.reasons.map((r) => (
                <li key={`${r.reason}-${r.personName}`}>{t(`contacts.matchReason.${r.reason}`, { person: r.personName, known: r.knownName })}</li>
              ))}
            </ul>
            {can('households:link') ? (
              <Button type="button" appearance="primary-action-button" disabled={busy} onClick={() => void join({ householdId: c.householdId })}>
                {t('contacts.joinExisting')}
              </Button>
            ) : null}
          </section>
        ))}
        {matches.data && can('households:link') ? (
          <div className="signaal-actions">
            <Button type="button" appearance="secondary-action-button" disabled={busy} onClick={() => void join({ new: true })}>
              {t('contacts.joinNew')}
            </Button>
          </div>
        ) : null}
      </>
    );
  }
  return (
    <section className="signaal-section" aria-labelledby="contact-household">
      <Heading2 id="contact-household">{t('contacts.householdTitle')}</Heading2>
      <FormAlert message={error} />
      {body}
    </section>
  );
}

export function HouseholdView({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const { data, error } = useLoad(() => api.household(id), [id]);
  const none = t('common.none');
  const date = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : none);
  return (
    <>
      <PageTitle documentTitle={t('household.title')}>{t('household.title')}</PageTitle>
      <FormAlert message={error ? errorText(t, error) : null} />
      {data ? (
        <>
          <section aria-labelledby="household-summary">
            <Heading2 id="household-summary">{t('household.summaryTitle')}</Heading2>
            {data.summary.repeat ? <FormAlert type="warning" message={t('household.repeat')} /> : null}
            <DataList className="signaal-data-list">
              {(
                [
                  [t('household.meldingen'), String(data.summary.meldingen)],
                  [t('household.first'), date(data.summary.firstReceivedAt)],
                  [t('household.last'), date(data.summary.lastReceivedAt)],
                  [t('household.reporters'), String(data.summary.distinctReporters)],
                ] as const
              ).map(([key, value]) => (
                <DataListItem key={key}>
                  <DataListKey>{key}</DataListKey>
                  <DataListValue value={value}>{value}</DataListValue>
                </DataListItem>
              ))}
            </DataList>
          </section>
          <section className="signaal-section" aria-labelledby="household-meldingen">
            <Heading2 id="household-meldingen">{t('household.meldingenTitle')}</Heading2>
            <div className="signaal-table-scroll">
              <Table>
                <TableCaption>{t('household.meldingenCaption')}</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('contacts.receivedAt')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('contacts.violenceType')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('contacts.reporterGroup')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.meldingen.map((m) => {
                    const when = formatDateTime(m.receivedAt, i18n.language);
                    return (
                      <TableRow key={m.id}>
                        <TableCell>
                          <ConsoleLink to={`/contacts/${m.id}`} aria-label={t('household.openMelding', { date: when })}>
                            {when}
                          </ConsoleLink>
                        </TableCell>
                        <TableCell>{m.violenceType ? t(`enums.violenceType.${m.violenceType}`) : none}</TableCell>
                        <TableCell>{t(`enums.reporterGroup.${m.reporterGroup}`)}</TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </div>
          </section>
          <section className="signaal-section" aria-labelledby="household-persons">
            <Heading2 id="household-persons">{t('household.personsTitle')}</Heading2>
            <div className="signaal-table-scroll">
              <Table>
                <TableCaption>{t('household.personsCaption')}</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('contacts.personName')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('contacts.personRole')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('contacts.personBirthDate')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('contacts.personAddress')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.persons.map((p) => (
                    <TableRow key={p.id}>
                      <TableCell>{p.name}</TableCell>
                      <TableCell>{t(`enums.personRole.${p.role}`)}</TableCell>
                      <TableCell>{p.birthDate ? formatDay(p.birthDate, i18n.language) : none}</TableCell>
                      <TableCell>{p.address ?? none}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          </section>
        </>
      ) : null}
      <Paragraph>
        <ConsoleLink to="/contacts">{t('contacts.backToList')}</ConsoleLink>
      </Paragraph>
    </>
  );
}

/** National lookup: region and date only. */
export function HouseholdLookupView() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const [by, setBy] = useState<'bsn' | 'name'>('bsn');
  const [bsn, setBsn] = useState('');
  const [name, setName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<HouseholdLookupResult | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setResult(null);
    const problem = by === 'bsn' ? (isValidBsn(bsn.trim()) ? null : t('contactForm.personBsnInvalid')) : !name.trim() || !birthDate ? t('common.validation', { message: t('household.lookupByName') }) : null;
    setFieldError(problem);
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      setResult(await api.lookupHousehold(by === 'bsn' ? { bsn: bsn.trim() } : { name: name.trim(), birthDate }));
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle documentTitle={t('household.lookupTitle')}>{t('household.lookupTitle')}</PageTitle>
      <Paragraph>{t('household.lookupIntro')}</Paragraph>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="signaal-form">
        <FormAlert message={error} />
        <Fieldset>
          <FieldsetLegend>{t('household.lookupBy')}</FieldsetLegend>
          {(['bsn', 'name'] as const).map((value) => (
            <FormField type="radio" key={value} className="signaal-radio">
              <RadioButton id={`lookup-${value}`} name="by" value={value} checked={by === value} onChange={() => setBy(value)} />
              <FormLabel htmlFor={`lookup-${value}`} type="radio">
                {t(value === 'bsn' ? 'household.lookupByBsn' : 'household.lookupByName')}
              </FormLabel>
            </FormField>
          ))}
        </Fieldset>
        {by === 'bsn' ? (
          <Field label={t('household.lookupByBsn')} error={fieldError} required>
            {(c) => <Textbox {...c} name="bsn" inputMode="numeric" autoComplete="off" maxLength={9} value={bsn} onChange={(e: ChangeEvent<HTMLInputElement>) => setBsn(e.target.value)} />}
          </Field>
        ) : (
          <>
            <Field label={t('contactForm.personName')} error={fieldError} required>
              {(c) => <Textbox {...c} name="name" autoComplete="off" value={name} onChange={(e: ChangeEvent<HTMLInputElement>) => setName(e.target.value)} />}
            </Field>
            <Field label={t('contactForm.personBirthDate')} required>
              {(c) => <Textbox {...c} type="date" name="birthDate" value={birthDate} onChange={(e: ChangeEvent<HTMLInputElement>) => setBirthDate(e.target.value)} />}
            </Field>
          </>
        )}
        <div className="signaal-actions">
          <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
            {t('household.lookupSubmit')}
          </Button>
        </div>
      </form>
      <div aria-live="polite">
        {result && result.items.length === 0 ? <Paragraph>{t('household.lookupNone')}</Paragraph> : null}
        {result && result.items.length > 0 ? (
          <Table>
            <TableCaption>{t('household.lookupCaption')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('household.lookupRegion')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('household.lookupSince')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('household.lookupContact')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {result.items.map((r) => (
                <TableRow key={r.regionCode}>
                  <TableCell>{r.regionName}</TableCell>
                  <TableCell>{formatDay(r.knownSince, i18n.language)}</TableCell>
                  <TableCell>{r.contact}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
      </div>
    </>
  );
}

