import { useState, type FormEvent, type ChangeEvent } from 'react';
import {
  Button,
  Heading,
  Paragraph,
  Select,
  SelectOption,
  Textbox,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useCan, useConsole } from './console.context.ts';
import { errorText } from './error-text.ts';
import { Field } from './field.component.tsx';
import { FormAlert } from './form-alert.component.tsx';
import { PageTitle } from './page-title.component.tsx';
import { useLoad } from './use-load.hook.ts';

export function RegionsView() {
  const { t } = useTranslation();
  const { api } = useConsole();
  const can = useCan();
  const thisYear = new Date().getFullYear();
  const years = [thisYear - 3, thisYear - 2, thisYear - 1, thisYear, thisYear + 1];
  const [year, setYear] = useState(thisYear);
  const { data, error, loading, reload } = useLoad(() => api.regions(year), [year]);

  const [municipalityCode, setMunicipalityCode] = useState('');
  const [regionCode, setRegionCode] = useState('');
  const [fromYear, setFromYear] = useState(String(thisYear + 1));
  const [moveError, setMoveError] = useState<string | null>(null);
  const [moved, setMoved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const municipalities = (data?.regions ?? [])
    .flatMap((r) => r.municipalities)
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));

  const onMove = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setMoveError(null);
    setMoved(null);
    const from = Number(fromYear);
    if (!municipalityCode || !regionCode || !Number.isInteger(from)) {
      setMoveError(t('common.validation', { message: `${t('regions.municipality')}, ${t('regions.region')}, ${t('regions.fromYear')}` }));
      return;
    }
    setBusy(true);
    try {
      await api.assignMunicipality(municipalityCode, regionCode, from);
      setMoved(
        t('regions.moved', {
          municipality: municipalities.find((m) => m.code === municipalityCode)?.name ?? municipalityCode,
          region: data?.regions.find((r) => r.code === regionCode)?.name ?? regionCode,
          year: from,
        }),
      );
      reload();
    } catch (err) {
      setMoveError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle documentTitle={t('regions.title')}>{t('regions.title')}</PageTitle>
      <div className="signaal-form">
        <Field label={t('regions.year')}>
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
      {data ? <Paragraph>{t('regions.classification', { year: data.classificationYear })}</Paragraph> : null}
      {data && data.regions.length === 0 ? <Paragraph>{t('regions.empty')}</Paragraph> : null}

      {can('regions:manage') && data ? (
        <section aria-labelledby="move-title" className="signaal-section signaal-panel">
          <Heading level={2} id="move-title">
            {t('regions.moveTitle')}
          </Heading>
          <Paragraph>{t('regions.moveIntro')}</Paragraph>
          <form onSubmit={(e) => void onMove(e)} className="signaal-form">
            <FormAlert message={moveError} />
            <FormAlert type="ok" message={moved} />
            <Field label={t('regions.municipality')} required>
              {(c) => (
                <Select {...c} name="municipalityCode" value={municipalityCode} onChange={(e: ChangeEvent<HTMLSelectElement>) => setMunicipalityCode(e.target.value)}>
                  <SelectOption value="">{t('contactForm.choose')}</SelectOption>
                  {municipalities.map((m) => (
                    <SelectOption key={m.code} value={m.code}>
                      {m.name} ({m.code})
                    </SelectOption>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t('regions.region')} required>
              {(c) => (
                <Select {...c} name="regionCode" value={regionCode} onChange={(e: ChangeEvent<HTMLSelectElement>) => setRegionCode(e.target.value)}>
                  <SelectOption value="">{t('contactForm.choose')}</SelectOption>
                  {data.regions.map((r) => (
                    <SelectOption key={r.code} value={r.code}>
                      {r.name} ({r.code})
                    </SelectOption>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t('regions.fromYear')} required>
              {(c) => <Textbox {...c} type="number" name="fromYear" min={2000} max={2100} value={fromYear} onChange={(e: ChangeEvent<HTMLInputElement>) => setFromYear(e.target.value)} size={6} />}
            </Field>
            <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
              {t('regions.move')}
            </Button>
          </form>
        </section>
      ) : null}

      {data?.regions.map((region) => (
        <section key={region.code} aria-labelledby={`region-${region.code}`} className="signaal-section">
          <Heading level={2} id={`region-${region.code}`}>
            {region.name} ({region.code})
          </Heading>
          <Paragraph appearance="small">{t('regions.municipalities', { count: region.municipalities.length })}</Paragraph>
          <UnorderedList className="signaal-columns">
            {region.municipalities.map((m) => (
              <UnorderedListItem key={m.code}>{m.name}</UnorderedListItem>
            ))}
          </UnorderedList>
        </section>
      ))}
    </>
  );
}
