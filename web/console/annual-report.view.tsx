import { useState, type ChangeEvent } from 'react';
import {
  Heading,
  Link,
  Paragraph,
  Select,
  SelectOption,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableFooter,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { AnnualReport } from './api.types.ts';
import { useCan, useConsole, useSession } from './console.context.ts';
import { errorText } from './error-text.ts';
import { Field } from './field.component.tsx';
import { FormAlert } from './form-alert.component.tsx';
import { PageTitle } from './page-title.component.tsx';
import { useLoad } from './use-load.hook.ts';

type ViolenceKey = keyof AnnualReport['meldingen']['geweldsvorm'];

/**
 * Jaarcijfers: the annual-report-v1 figures of a region as a table per municipality and the
 * infographic figures, with the PDF of the same report. Figures only, so any region may be chosen.
 */
export function AnnualReportView() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const session = useSession();
  const can = useCan();
  const thisYear = new Date().getFullYear();
  // Last year is the first complete one: the usual question.
  const years = Array.from({ length: thisYear - 2015 + 1 }, (_, i) => thisYear - i);
  const [year, setYear] = useState(thisYear - 1);
  const [region, setRegion] = useState(session.user.region.code);
  const regions = useLoad(() => (can('regions:read') ? api.regions(year) : Promise.resolve(null)), [year]);
  const { data, error, loading } = useLoad(() => api.annualReport(region, year), [region, year]);
  const number = (n: number) => n.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'nl-NL');
  const regionOptions = regions.data?.regions ?? [{ code: session.user.region.code, name: session.user.region.name }];
  const pdfHref = `/api/reports/annual.pdf?region=${encodeURIComponent(region)}&year=${year}`;

  return (
    <>
      <PageTitle documentTitle={t('annualReport.title')}>{t('annualReport.title')}</PageTitle>
      <Paragraph>{t('annualReport.intro')}</Paragraph>
      <div className="signaal-form signaal-filter-grid">
        <Field label={t('annualReport.region')}>
          {(c) => (
            <Select {...c} name="region" value={region} onChange={(e: ChangeEvent<HTMLSelectElement>) => setRegion(e.target.value)}>
              {regionOptions.map((r) => (
                <SelectOption key={r.code} value={r.code}>
                  {r.name} ({r.code})
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('annualReport.year')}>
          {(c) => (
            <Select {...c} name="year" value={String(year)} onChange={(e: ChangeEvent<HTMLSelectElement>) => setYear(Number(e.target.value))}>
              {years.map((y) => (
                <SelectOption key={y} value={String(y)}>
                  {y}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <FormAlert message={error ? errorText(t, error) : null} />
      {loading && !data ? <Paragraph role="status">{t('app.loading')}</Paragraph> : null}
      {data ? (
        <>
          <Paragraph>
            <Link href={pdfHref} download>
              {t('annualReport.pdf', { region: data.region.name, year: data.year })}
            </Link>
          </Paragraph>
          <section aria-labelledby="annual-table-title" className="signaal-section">
            <Heading level={2} id="annual-table-title">
              {t('annualReport.tableTitle')}
            </Heading>
            <div className="signaal-table-scroll">
              <Table>
                <TableCaption>{t('annualReport.caption', { region: data.region.name, year: data.year })}</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('annualReport.municipality')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('annualReport.meldingen')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('annualReport.adviezen')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('annualReport.totaal')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.municipalities.map((m) => (
                    <TableRow key={m.code ?? 'onbekend'}>
                      <TableHeaderCell scope="row">{m.name}</TableHeaderCell>
                      <TableCell>{number(m.meldingen)}</TableCell>
                      <TableCell>{number(m.adviezen)}</TableCell>
                      <TableCell>{number(m.totaal)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
                <TableFooter>
                  <TableRow>
                    <TableHeaderCell scope="row">{t('annualReport.totaal')}</TableHeaderCell>
                    <TableCell>{number(data.totaal.meldingen)}</TableCell>
                    <TableCell>{number(data.totaal.adviezen)}</TableCell>
                    <TableCell>{number(data.totaal.totaal)}</TableCell>
                  </TableRow>
                </TableFooter>
              </Table>
            </div>
          </section>
          <section aria-labelledby="annual-figures-title" className="signaal-section">
            <Heading level={2} id="annual-figures-title">
              {t('annualReport.figuresTitle', { year: data.year })}
            </Heading>
            <Figure title={t('annualReport.advies')} lines={[
              t('annualReport.adviesTotal', { count: data.adviezen.totaal }),
              t('annualReport.professionals', { count: data.adviezen.beroepsmatig }),
              t('annualReport.particulieren', { count: data.adviezen.particulier }),
              ...(data.adviezen.onbekend > 0 ? [t('annualReport.unknownReporter', { count: data.adviezen.onbekend })] : []),
            ]} />
            <Figure title={t('annualReport.typeMelders')} lines={[
              t('annualReport.meldersTotal', { count: data.meldingen.beroepsmatig + data.meldingen.particulier }),
              t('annualReport.professionals', { count: data.meldingen.beroepsmatig }),
              t('annualReport.particulieren', { count: data.meldingen.particulier }),
              t('annualReport.unknownReporter', { count: data.meldingen.onbekend }),
            ]} />
            <Figure title={t('annualReport.onderzoek')} lines={[t('annualReport.onderzoekText', { count: data.onderzoeken })]} />
            <Figure title={t('annualReport.veiligheidsvoorwaarden')} lines={[t('annualReport.veiligheidsvoorwaardenText', { count: data.veiligheidsvoorwaarden })]} />
            <Figure title={t('annualReport.overdrachten')} lines={[t('annualReport.overdrachtenText', { count: data.overdrachten })]} />
            <Figure title={t('annualReport.monitoring')} lines={[t('annualReport.monitoringText', { count: data.monitoring })]} />
            <Heading level={3}>{t('annualReport.melding')}</Heading>
            <Paragraph>{t('annualReport.meldingTotal', { count: data.meldingen.totaal })}</Paragraph>
            <div className="signaal-table-scroll">
              <Table>
                <TableCaption>{t('annualReport.violenceCaption', { year: data.year })}</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('annualReport.violenceType')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('annualReport.count')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('annualReport.percent')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {(Object.entries(data.meldingen.geweldsvorm) as [ViolenceKey, { aantal: number; procent: number }][]).map(([key, v]) => (
                    <TableRow key={key}>
                      <TableHeaderCell scope="row">{t(`annualReport.violence.${key}`)}</TableHeaderCell>
                      <TableCell>{number(v.aantal)}</TableCell>
                      <TableCell>{v.procent}%</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
            <Figure title={t('annualReport.huisverboden')} lines={[t('annualReport.huisverbodenText', { count: data.huisverboden })]} />
            <Figure title={t('annualReport.aware')} lines={[t('annualReport.awareText', { count: data.aware })]} />
          </section>
        </>
      ) : null}
    </>
  );
}

function Figure({ title, lines }: { title: string; lines: string[] }) {
  const [first, ...rest] = lines;
  return (
    <>
      <Heading level={3}>{title}</Heading>
      <Paragraph>{first}</Paragraph>
      {rest.length > 0 ? (
        <UnorderedList>
          {rest.map((l) => (
            <UnorderedListItem key={l}>{l}</UnorderedListItem>
          ))}
        </UnorderedList>
      ) : null}
    </>
  );
}
