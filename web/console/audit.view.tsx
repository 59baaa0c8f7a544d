import { useEffect, useState, type FormEvent, type ChangeEvent } from 'react';
import {
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  Paragraph,
  Select,
  SelectOption,
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
import type { AuditEntry, AuditVerification } from './api.types.ts';
import { useConsole } from './console.context.ts';
import { errorText } from './error-text.ts';
import { Field } from './field.component.tsx';
import { FormAlert } from './form-alert.component.tsx';
import { amsterdamLocalToIso, formatDateTime } from './format.ts';
import { PageTitle } from './page-title.component.tsx';

const EMPTY_FILTERS = { action: '', actorEmail: '', recordType: '', recordId: '', outcome: '', from: '', to: '' };
type Filters = typeof EMPTY_FILTERS;
const TEXT_FILTERS = ['action', 'actorEmail', 'recordType', 'recordId'] as const;

/** Filters as query parameters; dates typed as Amsterdam time become ISO with offset. */
function toQuery(filters: Filters): Record<string, string> {
  const query: Record<string, string> = { ...filters };
  query.from = filters.from ? (amsterdamLocalToIso(`${filters.from}T00:00`) ?? '') : '';
  query.to = filters.to ? (amsterdamLocalToIso(`${filters.to}T23:59`) ?? '') : '';
  return query;
}

export function AuditView() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const [filters, setFilters] = useState<Filters>(EMPTY_FILTERS);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);

  const load = async (applied: Filters, before: number | null): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const query = toQuery(applied);
      if (before !== null) query.before = String(before);
      const page = await api.audit(query);
      setEntries((current) => (before !== null && current ? [...current, ...page.items] : page.items));
      setNextBefore(page.nextBefore);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    void load(EMPTY_FILTERS, null);
    // First page once on open; later loads come from the filter form and "Oudere".
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onFilter = (event: FormEvent): void => {
    event.preventDefault();
    void load(filters, null);
  };

  const onVerify = async (): Promise<void> => {
    setVerification(null);
    setVerifyError(null);
    try {
      setVerification(await api.verifyAudit());
    } catch (err) {
      setVerifyError(errorText(t, err));
    }
  };

  const set = (key: keyof Filters) => (value: string) => setFilters((f) => ({ ...f, [key]: value }));

  return (
    <>
      <PageTitle documentTitle={t('audit.title')}>{t('audit.title')}</PageTitle>
      <Paragraph>{t('audit.intro')}</Paragraph>

      <div className="signaal-actions">
        <Button type="button" appearance="secondary-action-button" onClick={() => void onVerify()}>
          {t('audit.verify')}
        </Button>
      </div>
      <div aria-live="polite">
        {verification ? (
          <FormAlert
            type={verification.ok ? 'ok' : 'error'}
            message={
              verification.ok
                ? t('audit.verifyOk', { checked: verification.checked })
                : t('audit.verifyBroken', { seq: verification.firstBrokenSeq, checked: verification.checked })
            }
          />
        ) : null}
      </div>
      <FormAlert message={verifyError} />

      <form onSubmit={onFilter} className="signaal-form signaal-filters">
        <Fieldset>
          <FieldsetLegend>{t('audit.filters')}</FieldsetLegend>
          <div className="signaal-filter-grid">
            {TEXT_FILTERS.map((key) => (
              <Field key={key} label={t(`audit.${key}`)}>
                {(c) => <Textbox {...c} name={key} value={filters[key]} onChange={(e: ChangeEvent<HTMLInputElement>) => set(key)(e.target.value)} />}
              </Field>
            ))}
            <Field label={t('audit.outcome')}>
              {(c) => (
                <Select {...c} name="outcome" value={filters.outcome} onChange={(e: ChangeEvent<HTMLSelectElement>) => set('outcome')(e.target.value)}>
                  <SelectOption value="">{t('audit.outcomeAll')}</SelectOption>
                  {(['allowed', 'denied', 'failed'] as const).map((o) => (
                    <SelectOption key={o} value={o}>
                      {t(`enums.outcome.${o}`)}
                    </SelectOption>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t('audit.from')}>
              {(c) => <Textbox {...c} type="date" name="from" value={filters.from} onChange={(e: ChangeEvent<HTMLInputElement>) => set('from')(e.target.value)} />}
            </Field>
            <Field label={t('audit.to')}>
              {(c) => <Textbox {...c} type="date" name="to" value={filters.to} onChange={(e: ChangeEvent<HTMLInputElement>) => set('to')(e.target.value)} />}
            </Field>
          </div>
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button" disabled={busy}>
              {t('audit.apply')}
            </Button>
            <Button
              type="button"
              appearance="subtle-button"
              onClick={() => {
                setFilters(EMPTY_FILTERS);
                void load(EMPTY_FILTERS, null);
              }}
            >
              {t('audit.reset')}
            </Button>
          </ButtonGroup>
        </Fieldset>
      </form>

      <FormAlert message={error} />
      {entries && entries.length === 0 ? <Paragraph role="status">{t('audit.empty')}</Paragraph> : null}
      {entries && entries.length > 0 ? (
        <div className="signaal-table-scroll">
          <Table className="signaal-audit-table">
            <TableCaption>{t('audit.caption')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('audit.seq')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('audit.at')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('audit.actor')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('audit.action')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('audit.record')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('audit.outcome')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('audit.reason')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {entries.map((entry) => (
                <TableRow key={entry.seq}>
                  <TableCell>{entry.seq}</TableCell>
                  <TableCell>{formatDateTime(entry.at, i18n.language)}</TableCell>
                  <TableCell>{entry.actor ? `${entry.actor.email} (${t(`roles.${entry.actor.role}`, { defaultValue: entry.actor.role })})` : t('audit.system')}</TableCell>
                  <TableCell>
                    <code>{entry.action}</code>
                  </TableCell>
                  <TableCell>{entry.recordType ? `${entry.recordType}${entry.recordId ? ` ${entry.recordId}` : ''}` : t('common.none')}</TableCell>
                  <TableCell>{t(`enums.outcome.${entry.outcome}`, { defaultValue: entry.outcome })}</TableCell>
                  <TableCell>{entry.reason ?? t('common.none')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
      {nextBefore !== null ? (
        <Button type="button" appearance="secondary-action-button" disabled={busy} onClick={() => void load(filters, nextBefore)}>
          {t('audit.older')}
        </Button>
      ) : null}
    </>
  );
}
