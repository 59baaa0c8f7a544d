import {
  ButtonLink,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { MouseEvent } from 'react';
import { useCan, useConsole } from './console.context.ts';
import { AdviesConversion } from './convert-advies.component.tsx';
import { ConsoleLink } from './console-link.component.tsx';
import { href, navigate } from './console.router.ts';
import { errorText } from './error-text.ts';
import { FormAlert } from './form-alert.component.tsx';
import { formatDateTime } from './format.ts';
import { ContactHouseholdSection } from './household.view.tsx';
import { PageTitle } from './page-title.component.tsx';
import { useLoad } from './use-load.hook.ts';

export function ContactsView({ notice }: { notice: string | null }) {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const can = useCan();
  const { data, error, loading } = useLoad(() => api.contacts(), []);
  const none = t('common.none');

  const toNew = (event: MouseEvent<HTMLAnchorElement>): void => {
    event.preventDefault();
    navigate('/contacts/new');
  };

  return (
    <>
      <PageTitle documentTitle={t('contacts.title')}>{t('contacts.title')}</PageTitle>
      <FormAlert type="ok" message={notice} />
      {can('contacts:create') ? (
        <Paragraph>
          <ButtonLink href={href('/contacts/new')} appearance="primary-action-button" onClick={toNew}>
            {t('contacts.new')}
          </ButtonLink>
        </Paragraph>
      ) : null}
      <FormAlert message={error ? errorText(t, error) : null} />
      {loading && !data ? <Paragraph role="status">{t('app.loading')}</Paragraph> : null}
      {data && data.items.length === 0 ? <Paragraph>{t('contacts.empty')}</Paragraph> : null}
      {data && data.items.length > 0 ? (
        <div className="signaal-table-scroll">
          <Table>
            <TableCaption>{t('contacts.caption')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('contacts.kind')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('contacts.receivedAt')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('contacts.municipality')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('contacts.channel')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('contacts.violenceType')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.items.map((contact) => {
                const kind = t(`enums.kind.${contact.kind}`);
                const date = formatDateTime(contact.receivedAt, i18n.language);
                return (
                  <TableRow key={contact.id}>
                    <TableCell>
                      <ConsoleLink to={`/contacts/${contact.id}`} aria-label={t('contacts.openLabel', { kind, date })}>
                        {kind}
                      </ConsoleLink>
                    </TableCell>
                    <TableCell>{date}</TableCell>
                    <TableCell>{contact.municipalityName ?? contact.municipalityCode ?? none}</TableCell>
                    <TableCell>{t(`enums.channel.${contact.channel}`)}</TableCell>
                    <TableCell>{contact.violenceType ? t(`enums.violenceType.${contact.violenceType}`) : none}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </>
  );
}

export function ContactDetailView({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const { data, error } = useLoad(() => api.contact(id), [id]);
  const none = t('common.none');
  const kind = data ? t(`enums.kind.${data.kind}`) : t('contacts.title');
  const title = data ? t('contacts.detailTitle', { kind, date: formatDateTime(data.receivedAt, i18n.language) }) : kind;
  const rows: [string, string][] = data
    ? [
        [t('contacts.kind'), kind],
        ...(data.kind === 'melding' ? [[t('contactForm.acute'), t(data.acute ? 'caseDetail.yes' : 'caseDetail.no')] as [string, string]] : []),
        [t('contacts.receivedAt'), formatDateTime(data.receivedAt, i18n.language)],
        [t('contacts.municipality'), data.municipalityName ?? data.municipalityCode ?? none],
        [t('contacts.region'), data.regionCode],
        [t('contacts.channel'), t(`enums.channel.${data.channel}`)],
        [t('contacts.reporterType'), t(`enums.reporterType.${data.reporterType}`)],
        [t('contacts.reporterGroup'), t(`enums.reporterGroup.${data.reporterGroup}`)],
        ...(data.reporterName || data.reporterContact
          ? ([[t('contactForm.reporterName'), [data.reporterName, data.reporterContact].filter(Boolean).join(', ')]] as [string, string][])
          : []),
        [t('contacts.violenceType'), data.violenceType ? t(`enums.violenceType.${data.violenceType}`) : none],
        [t('contacts.summary'), data.summary || none],
        [t('contacts.flags'), data.flags.length ? data.flags.map((f) => t(`enums.flag.${f}`)).join(', ') : none],
        [t('contacts.reporterShareable'), t(data.reporterShareable ? 'caseDetail.yes' : 'caseDetail.no')],
        [t('contacts.createdAt'), formatDateTime(data.createdAt, i18n.language)],
        [t('contacts.createdBy'), data.createdBy.displayName],
      ]
    : [];
  return (
    <>
      <PageTitle documentTitle={title}>{title}</PageTitle>
      <FormAlert message={error ? errorText(t, error) : null} />
      {data ? (
        <DataList className="signaal-data-list">
          {rows.map(([key, value]) => (
            <DataListItem key={key}>
              <DataListKey>{key}</DataListKey>
              <DataListValue value={value} multiline={key === t('contacts.summary')}>
                {value}
              </DataListValue>
            </DataListItem>
          ))}
        </DataList>
      ) : null}
      {data?.kind === 'melding' ? (
        <section className="signaal-section" aria-labelledby="contact-persons">
          <Heading2 id="contact-persons">{t('contacts.personsTitle')}</Heading2>
          {data.persons && data.persons.length > 0 ? (
            <div className="signaal-table-scroll">
              <Table>
                <TableCaption>{t('contacts.personsCaption')}</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('contacts.personName')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('contacts.personRole')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('contacts.personBirthDate')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('contacts.personAddress')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('contacts.personBsn')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.persons.map((p) => (
                    <TableRow key={p.id}>
                      <TableCell>{p.name}</TableCell>
                      <TableCell>{t(`enums.personRole.${p.role}`)}</TableCell>
                      <TableCell>{p.birthDate ?? none}</TableCell>
                      <TableCell>{[p.street, [p.postcode, p.place].filter(Boolean).join(' ')].filter(Boolean).join(', ') || none}</TableCell>
                      <TableCell>{p.bsn ?? none}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          ) : (
            <Paragraph>{t('contacts.noPersons')}</Paragraph>
          )}
        </section>
      ) : null}
      {data ? <AdviesConversion contact={data} /> : null}
      {data ? <ContactHouseholdSection contact={data} /> : null}
      <Paragraph>
        <ConsoleLink to="/contacts">{t('contacts.backToList')}</ConsoleLink>
      </Paragraph>
    </>
  );
}
