import { useId, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import {
  Button,
  ButtonGroup,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormLabel,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textarea,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useCan, useConsole } from './console.context.ts';
import { ConsoleLink } from './console-link.component.tsx';
import { errorText } from './error-text.ts';
import { Field } from './field.component.tsx';
import { FormAlert } from './form-alert.component.tsx';
import { formatDateTime } from './format.ts';
import { PageTitle } from './page-title.component.tsx';
import { useLoad } from './use-load.hook.ts';

// Need-to-know in the console (ADR 0014). The server and the database decide who sees a shielded
// file; these views show the state, offer the actions the server allows, and ask for a reason
// before the glass is broken.

const REASON_MIN = 10;

/** The "Afscherming" section of a case page: state, and restrict/lift for those allowed to. */
export function CaseRestriction({ caseId, onChanged }: { caseId: string; onChanged: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const info = useLoad(() => api.caseRestriction(caseId), [caseId]);
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const data = info.data;
  if (!data) return <FormAlert message={info.error ? errorText(t, info.error) : null} />;
  const members = chosen ?? new Set(data.members.map((m) => m.id));

  const act = async (call: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      await call();
      setChosen(null);
      info.reload();
      onChanged(message);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void act(() => api.restrictCase(caseId, [...members]), t('restriction.restricted'));
  };

  return (
    <section aria-labelledby={headingId} className="signaal-section">
      <Heading2 id={headingId}>{t('restriction.title')}</Heading2>
      {data.accessUntil ? <FormAlert type="warning" message={t('restriction.accessUntil', { time: formatDateTime(data.accessUntil, i18n.language) })} /> : null}
      <Paragraph>{data.restricted && data.restrictedAt ? t('restriction.restrictedSince', { date: formatDateTime(data.restrictedAt, i18n.language) }) : t('restriction.notRestricted')}</Paragraph>
      {data.restricted ? (
        <Paragraph>{t('restriction.membersNow', { names: data.members.length > 0 ? data.members.map((m) => m.displayName).join(', ') : t('restriction.nobody') })}</Paragraph>
      ) : null}
      {data.canManage ? (
        <form onSubmit={onSubmit} className="signaal-form">
          <FormAlert message={error} />
          {!data.restricted ? <Paragraph>{t('restriction.intro')}</Paragraph> : null}
          <Fieldset>
            <FieldsetLegend>{t('restriction.members')}</FieldsetLegend>
            {data.candidates.map((c) => (
              <FormField key={c.id} type="checkbox" className="signaal-checkbox signaal-field">
                <Checkbox
                  id={`restriction-member-${c.id}`}
                  name="members"
                  value={c.id}
                  checked={members.has(c.id)}
                  onChange={(e: ChangeEvent<HTMLInputElement>) => {
                    const next = new Set(members);
                    if (e.target.checked) next.add(c.id);
                    else next.delete(c.id);
                    setChosen(next);
                  }}
                />
                <FormLabel htmlFor={`restriction-member-${c.id}`} type="checkbox">
                  {c.displayName}
                </FormLabel>
              </FormField>
            ))}
          </Fieldset>
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
              {data.restricted ? t('restriction.update') : t('restriction.restrict')}
            </Button>
            {data.restricted ? (
              <Button type="button" appearance="secondary-action-button" disabled={busy} onClick={() => void act(() => api.liftRestriction(caseId), t('restriction.lifted'))}>
                {t('restriction.lift')}
              </Button>
            ) : null}
          </ButtonGroup>
        </form>
      ) : null}
    </section>
  );
}

/**
 * Shown instead of a case page when the file is shielded from this user: the reason form that
 * breaks the glass. Shows the fallback (a plain "not found") when the file is not a shielded one.
 */
export function BreakGlassForm({ caseId, onOpened, fallback }: { caseId: string; onOpened: () => void; fallback: ReactNode }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const info = useLoad(() => api.caseRestriction(caseId), [caseId]);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (info.loading) return null;
  if (!info.data || !info.data.restricted || info.data.canOpen) return <>{fallback}</>;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < REASON_MIN) {
      setError(t('breakGlass.reasonRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.breakGlass(caseId, reason.trim());
      onOpened();
    } catch (err) {
      setError(errorText(t, err));
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle documentTitle={t('breakGlass.title')}>{t('breakGlass.title')}</PageTitle>
      <Paragraph>{t('breakGlass.intro')}</Paragraph>
      <FormAlert type="warning" message={t('breakGlass.warning')} />
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="signaal-form">
        <FormAlert message={error} />
        <Field label={t('breakGlass.reason')} description={t('breakGlass.reasonHint')} error={error && reason.trim().length < REASON_MIN ? error : null} required>
          {(c) => <Textarea {...c} name="reason" rows={4} maxLength={2000} value={reason} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setReason(e.target.value)} />}
        </Field>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('breakGlass.submit')}
        </Button>
      </form>
    </>
  );
}

/** The work list's stubs: shielded files of the region this user cannot open. */
export function RestrictedStubs() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const stubs = useLoad(() => api.restrictedCases(), []);
  const headingId = useId();
  const closed = (stubs.data?.items ?? []).filter((s) => !s.canOpen);
  if (closed.length === 0) return null;
  return (
    <section aria-labelledby={headingId} className="signaal-section">
      <Heading2 id={headingId}>{t('restriction.stubsTitle')}</Heading2>
      <Paragraph>{t('restriction.stubsIntro')}</Paragraph>
      <div className="signaal-table-scroll">
        <Table>
          <TableCaption>{t('restriction.stubsCaption')}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('restriction.stub')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('restriction.since')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {closed.map((s) => (
              <TableRow key={s.id}>
                <TableCell>
                  <ConsoleLink to={`/cases/${s.id}`} aria-label={t('restriction.openLabel', { date: formatDateTime(s.restrictedAt, i18n.language) })}>
                    {t('restriction.open')}
                  </ConsoleLink>
                </TableCell>
                <TableCell>{formatDateTime(s.restrictedAt, i18n.language)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}

/** For a team lead: a notice when shielded files were opened and not yet reviewed. */
export function UnreviewedBreakGlassNotice() {
  const { t } = useTranslation();
  const { api } = useConsole();
  const can = useCan();
  const list = useLoad(() => (can('cases:assign') ? api.breakGlassList() : Promise.resolve(null)), []);
  const count = list.data?.unreviewed ?? 0;
  if (count === 0) return null;
  return (
    <div className="signaal-section">
      <FormAlert type="warning" message={t('breakGlass.unreviewed', { count })} />
      <Paragraph>
        <ConsoleLink to="/break-glass">{t('breakGlass.toOverview')}</ConsoleLink>
      </Paragraph>
    </div>
  );
}

/** The team lead's overview of broken glass in the region. */
export function BreakGlassView() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const list = useLoad(() => api.breakGlassList(), []);
  const [error, setError] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  const review = async (id: string) => {
    setError(null);
    try {
      await api.reviewBreakGlass(id);
      list.reload();
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  return (
    <>
      <PageTitle documentTitle={t('breakGlass.overviewTitle')}>{t('breakGlass.overviewTitle')}</PageTitle>
      <Paragraph>{t('breakGlass.overviewIntro')}</Paragraph>
      <FormAlert message={error ?? (list.error ? errorText(t, list.error) : null)} />
      {list.data && items.length === 0 ? <Paragraph>{t('breakGlass.empty')}</Paragraph> : null}
      {items.length > 0 ? (
        <div className="signaal-table-scroll">
          <Table>
            <TableCaption>{t('breakGlass.caption')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('breakGlass.who')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('breakGlass.when')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('breakGlass.until')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('breakGlass.why')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('breakGlass.dossier')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('breakGlass.reviewed')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((g) => (
                <TableRow key={g.id}>
                  <TableCell>{g.user.displayName}</TableCell>
                  <TableCell>{formatDateTime(g.grantedAt, i18n.language)}</TableCell>
                  <TableCell>{formatDateTime(g.expiresAt, i18n.language)}</TableCell>
                  <TableCell>{g.reason}</TableCell>
                  <TableCell>
                    <ConsoleLink to={`/cases/${g.caseId}`}>{t('breakGlass.openCase')}</ConsoleLink>
                  </TableCell>
                  <TableCell>
                    {g.reviewedAt ? (
                      t('breakGlass.reviewedBy', { name: g.reviewedBy ?? '' })
                    ) : (
                      <Button
                        type="button"
                        appearance="secondary-action-button"
                        aria-label={t('breakGlass.reviewLabel', { name: g.user.displayName, date: formatDateTime(g.grantedAt, i18n.language) })}
                        onClick={() => void review(g.id)}
                      >
                        {t('breakGlass.review')}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </>
  );
}
