import { useState, type FormEvent, type ChangeEvent } from 'react';
import {
  Button,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormLabel,
  Paragraph,
  RadioButton,
  Select,
  SelectOption,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import {
  CHANNELS,
  CONTACT_KINDS,
  FLAGS,
  REPORTER_GROUPS,
  REPORTER_TYPES,
  VIOLENCE_TYPES,
  type Channel,
  type Contact,
  type ContactKind,
  type Flag,
  type NewContact,
  type ReporterGroup,
  type ReporterType,
  type ViolenceType,
} from './api.types.ts';
import { useCan, useConsole, useSession } from './console.context.ts';
import { ConsoleLink } from './console-link.component.tsx';
import { errorText } from './error-text.ts';
import { Field } from './field.component.tsx';
import { FormAlert } from './form-alert.component.tsx';
import { amsterdamLocalToIso, amsterdamNowLocal } from './format.ts';
import { PageTitle } from './page-title.component.tsx';
import { checkPersons, PersonsEditor, toNewPerson, type PersonDraft, type PersonErrors } from './persons-editor.component.tsx';
import { useLoad } from './use-load.hook.ts';

const SUMMARY_MAX = 4000;

type Errors = Partial<Record<'receivedAt' | 'municipality' | 'violenceType' | 'summary', string>>;

export function ContactFormView({ onCreated }: { onCreated: (contact: Contact) => void }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const session = useSession();
  const can = useCan();
  // Municipalities of the user's own region, when this role may read the region list;
  // otherwise staff type the CBS code.
  const year = new Date().getFullYear();
  const regions = useLoad(
    () => (can('regions:read') ? api.regions(year) : Promise.resolve(null)),
    [year],
  );
  const ownRegion = regions.data?.regions.find((r) => r.code === session.user.region.code) ?? null;

  const [kind, setKind] = useState<ContactKind>('melding');
  const [acute, setAcute] = useState(false);
  const [receivedAt, setReceivedAt] = useState(amsterdamNowLocal());
  const [municipality, setMunicipality] = useState('');
  const [channel, setChannel] = useState<Channel>('telefoon');
  const [reporterType, setReporterType] = useState<ReporterType>('particulier');
  const [reporterGroup, setReporterGroup] = useState<ReporterGroup>('burger');
  const [violenceType, setViolenceType] = useState<ViolenceType | ''>('');
  const [summary, setSummary] = useState('');
  const [flags, setFlags] = useState<Flag[]>([]);
  const [reporterShareable, setReporterShareable] = useState(false);
  const [reporterName, setReporterName] = useState('');
  const [reporterContact, setReporterContact] = useState('');
  const [persons, setPersons] = useState<PersonDraft[]>([]);
  const [personErrors, setPersonErrors] = useState<PersonErrors[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const iso = amsterdamLocalToIso(receivedAt);
    const code = municipality.trim().toUpperCase();
    const next: Errors = {};
    if (!iso) next.receivedAt = t('contactForm.receivedAtInvalid');
    if (code && !/^GM\d{4}$/.test(code)) next.municipality = t('contactForm.municipalityCodeInvalid');
    if (kind === 'melding' && !violenceType) next.violenceType = t('contactForm.violenceTypeRequired');
    if (summary.length > SUMMARY_MAX) next.summary = t('contactForm.summaryTooLong');
    setErrors(next);
    // People are only sent with a melding: an advies stores no household data.
    const people = kind === 'melding' ? persons : [];
    const pErrors = checkPersons(people, t);
    setPersonErrors(pErrors);
    const messages = [...Object.values(next), ...pErrors.flatMap((e) => Object.values(e))];
    if (messages.length > 0 || !iso) {
      setError(`${t('contactForm.errorSummary')} ${messages.join(' ')}`);
      return;
    }
    const body: NewContact = {
      kind,
      receivedAt: iso,
      municipalityCode: code || null,
      channel,
      reporterType,
      reporterGroup,
      summary,
      acute: kind === 'melding' && acute,
      flags,
      reporterShareable,
      reporterName: reporterName.trim() || null,
      reporterContact: reporterContact.trim() || null,
      persons: people.map(toNewPerson),
      ...(violenceType ? { violenceType } : {}),
    };
    setBusy(true);
    setError(null);
    try {
      onCreated(await api.createContact(body));
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle documentTitle={t('contactForm.title')}>{t('contactForm.title')}</PageTitle>
      <Paragraph>{t('contactForm.intro')}</Paragraph>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="signaal-form">
        <FormAlert message={error} />
        <Fieldset>
          <FieldsetLegend>{t('contactForm.kindLegend')}</FieldsetLegend>
          {CONTACT_KINDS.map((value) => (
            <FormField type="radio" key={value} className="signaal-radio">
              <RadioButton
                id={`kind-${value}`}
                name="kind"
                value={value}
                checked={kind === value}
                onChange={() => setKind(value)}
              />
              <FormLabel htmlFor={`kind-${value}`} type="radio">
                {t(`enums.kind.${value}`)}
              </FormLabel>
            </FormField>
          ))}
        </Fieldset>

        {kind === 'melding' ? (
          <FormField type="checkbox" className="signaal-field signaal-checkbox">
            <Checkbox
              id="contact-acute"
              name="acute"
              checked={acute}
              aria-describedby="contact-acute-hint"
              onChange={(e: ChangeEvent<HTMLInputElement>) => setAcute(e.target.checked)}
            />
            <div>
              <FormLabel htmlFor="contact-acute" type="checkbox">
                {t('contactForm.acute')}
              </FormLabel>
              <FormFieldDescription id="contact-acute-hint">{t('contactForm.acuteHint')}</FormFieldDescription>
            </div>
          </FormField>
        ) : null}

        <Field label={t('contactForm.receivedAt')} description={t('contactForm.receivedAtHint')} error={errors.receivedAt ?? null} required>
          {(c) => <Textbox {...c} type="datetime-local" name="receivedAt" value={receivedAt} onChange={(e: ChangeEvent<HTMLInputElement>) => setReceivedAt(e.target.value)} />}
        </Field>

        {ownRegion ? (
          <Field label={t('contactForm.municipality')}>
            {(c) => (
              <Select {...c} name="municipalityCode" value={municipality} onChange={(e: ChangeEvent<HTMLSelectElement>) => setMunicipality(e.target.value)}>
                <SelectOption value="">{t('contactForm.municipalityUnknown')}</SelectOption>
                {ownRegion.municipalities.map((m) => (
                  <SelectOption key={m.code} value={m.code}>
                    {m.name}
                  </SelectOption>
                ))}
              </Select>
            )}
          </Field>
        ) : (
          <Field label={t('contactForm.municipalityCode')} description={t('contactForm.municipalityCodeHint')} error={errors.municipality ?? null}>
            {(c) => <Textbox {...c} name="municipalityCode" value={municipality} onChange={(e: ChangeEvent<HTMLInputElement>) => setMunicipality(e.target.value)} size={8} />}
          </Field>
        )}

        <Field label={t('contacts.channel')} required>
          {(c) => (
            <Select {...c} name="channel" value={channel} onChange={(e: ChangeEvent<HTMLSelectElement>) => setChannel(e.target.value as Channel)}>
              {CHANNELS.map((value) => (
                <SelectOption key={value} value={value}>
                  {t(`enums.channel.${value}`)}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>

        <Field label={t('contacts.reporterType')} required>
          {(c) => (
            <Select {...c} name="reporterType" value={reporterType} onChange={(e: ChangeEvent<HTMLSelectElement>) => setReporterType(e.target.value as ReporterType)}>
              {REPORTER_TYPES.map((value) => (
                <SelectOption key={value} value={value}>
                  {t(`enums.reporterType.${value}`)}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>

        <Field label={t('contacts.reporterGroup')} required>
          {(c) => (
            <Select {...c} name="reporterGroup" value={reporterGroup} onChange={(e: ChangeEvent<HTMLSelectElement>) => setReporterGroup(e.target.value as ReporterGroup)}>
              {REPORTER_GROUPS.map((value) => (
                <SelectOption key={value} value={value}>
                  {t(`enums.reporterGroup.${value}`)}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>

        <Field label={t('contactForm.reporterName')} description={t('contactForm.reporterNameHint')}>
          {(c) => <Textbox {...c} name="reporterName" autoComplete="off" maxLength={200} value={reporterName} onChange={(e: ChangeEvent<HTMLInputElement>) => setReporterName(e.target.value)} />}
        </Field>
        <Field label={t('contactForm.reporterContact')}>
          {(c) => <Textbox {...c} name="reporterContact" autoComplete="off" maxLength={200} value={reporterContact} onChange={(e: ChangeEvent<HTMLInputElement>) => setReporterContact(e.target.value)} />}
        </Field>

        <Field
          label={t('contacts.violenceType')}
          description={t('contactForm.violenceTypeHint')}
          error={errors.violenceType ?? null}
          required={kind === 'melding'}
        >
          {(c) => (
            <Select {...c} name="violenceType" value={violenceType} onChange={(e: ChangeEvent<HTMLSelectElement>) => setViolenceType(e.target.value as ViolenceType | '')}>
              <SelectOption value="">{t('contactForm.choose')}</SelectOption>
              {VIOLENCE_TYPES.map((value) => (
                <SelectOption key={value} value={value}>
                  {t(`enums.violenceType.${value}`)}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>

        <Field label={t('contacts.summary')} description={t('contactForm.summaryHint')} error={errors.summary ?? null}>
          {(c) => <Textarea {...c} name="summary" rows={6} maxLength={SUMMARY_MAX} value={summary} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setSummary(e.target.value)} />}
        </Field>

        <Fieldset className="signaal-field">
          <FieldsetLegend>{t('contactForm.flagsLegend')}</FieldsetLegend>
          {FLAGS.map((value) => (
            <FormField type="checkbox" key={value} className="signaal-checkbox">
              <Checkbox
                id={`flag-${value}`}
                name="flags"
                value={value}
                checked={flags.includes(value)}
                onChange={(e: ChangeEvent<HTMLInputElement>) => setFlags(e.target.checked ? [...flags, value] : flags.filter((f) => f !== value))}
              />
              <FormLabel htmlFor={`flag-${value}`} type="checkbox">
                {t(`enums.flag.${value}`)}
              </FormLabel>
            </FormField>
          ))}
        </Fieldset>

        <FormField type="checkbox" className="signaal-field signaal-checkbox">
          <Checkbox
            id="contact-reporter-shareable"
            name="reporterShareable"
            checked={reporterShareable}
            aria-describedby="contact-reporter-shareable-hint"
            onChange={(e: ChangeEvent<HTMLInputElement>) => setReporterShareable(e.target.checked)}
          />
          <div>
            <FormLabel htmlFor="contact-reporter-shareable" type="checkbox">
              {t('contactForm.reporterShareable')}
            </FormLabel>
            <FormFieldDescription id="contact-reporter-shareable-hint">{t('contactForm.reporterShareableHint')}</FormFieldDescription>
          </div>
        </FormField>

        {kind === 'melding' ? <PersonsEditor persons={persons} errors={personErrors} onChange={setPersons} /> : null}

        <div className="signaal-actions">
          <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
            {t('contactForm.submit')}
          </Button>
          <ConsoleLink to="/contacts">{t('common.cancel')}</ConsoleLink>
        </div>
      </form>
    </>
  );
}
