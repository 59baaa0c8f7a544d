import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Button, Checkbox, FormField, FormLabel, Heading2, Paragraph, Select, SelectOption, Textarea } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { VIOLENCE_TYPES, type Contact, type ViolenceType } from './api.types.ts';
import { ApiError } from './api.client.ts';
import { useCan, useConsole } from './console.context.ts';
import { ConsoleLink } from './console-link.component.tsx';
import { navigate } from './console.router.ts';
import { errorText } from './error-text.ts';
import { Field } from './field.component.tsx';
import { FormAlert } from './form-alert.component.tsx';

/**
 * On an advies: turn it into a melding (the advies and its history stay), or show the melding it
 * became. On a melding made from an advies: a link back.
 */
export function AdviesConversion({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const can = useCan();
  const [violenceType, setViolenceType] = useState<ViolenceType | ''>('');
  const [acute, setAcute] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (contact.convertedFrom) {
    return (
      <Paragraph>
        <ConsoleLink to={`/contacts/${encodeURIComponent(contact.convertedFrom)}`}>{t('conversion.fromAdvies')}</ConsoleLink>
      </Paragraph>
    );
  }
  if (contact.kind !== 'advies') return null;
  if (contact.convertedTo) {
    return (
      <Paragraph>
        <ConsoleLink to={`/contacts/${encodeURIComponent(contact.convertedTo)}`}>{t('conversion.toMelding')}</ConsoleLink>
      </Paragraph>
    );
  }
  if (!can('contacts:create')) return null;

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!violenceType) {
      setError(t('conversion.violenceRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const melding = await api.convertAdvies(contact.id, { violenceType, acute, note: note.trim() });
      navigate(`/contacts/${encodeURIComponent(melding.id)}`);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 409 ? err.message : errorText(t, err));
      setBusy(false);
    }
  };

  return (
    <section className="signaal-section" aria-labelledby="convert-advies">
      <Heading2 id="convert-advies">{t('conversion.title')}</Heading2>
      <Paragraph>{t('conversion.intro')}</Paragraph>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="signaal-form">
        <FormAlert message={error} />
        <Field label={t('contacts.violenceType')} required>
          {(c) => (
            <Select {...c} name="convertViolenceType" value={violenceType} onChange={(e: ChangeEvent<HTMLSelectElement>) => setViolenceType(e.target.value as ViolenceType | '')}>
              <SelectOption value="">{t('caseDetail.choose')}</SelectOption>
              {VIOLENCE_TYPES.map((v) => (
                <SelectOption key={v} value={v}>
                  {t(`enums.violenceType.${v}`)}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
        <FormField type="checkbox">
          <Checkbox id="convert-acute" name="convertAcute" checked={acute} onChange={(e: ChangeEvent<HTMLInputElement>) => setAcute(e.target.checked)} />
          <FormLabel htmlFor="convert-acute" type="checkbox">
            {t('contactForm.acute')}
          </FormLabel>
        </FormField>
        <Field label={t('conversion.note')}>
          {(c) => <Textarea {...c} name="convertNote" rows={3} maxLength={2000} value={note} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setNote(e.target.value)} />}
        </Field>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('conversion.submit')}
        </Button>
      </form>
    </section>
  );
}
