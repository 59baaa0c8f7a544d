import { lazy, useEffect, useState } from 'react';
import { CHILDCARE_ROUTE_LABELS, CHILDCARE_ROUTE_NOTES, SECTOR_LABELS, SECTOR_ROUTES, SECTORS, type ChildcareRoute, type Sector, type Text } from '../../../src/domain/meldcode/sector-labels.ts';
import { withTexts } from '../public.i18n.ts';
import { onQuickExit } from '../quick-exit.ts';
import { hrefFor, ROUTES } from '../public.router.ts';
import { SiteLink } from '../site-link.component.tsx';
import { EMPTY, load, save, track, type Dossier, type StepNo } from './meldcode-dossier.ts';
import { MunicipalitySelect, Radios, SafetyBox, useMeldcodeTranslation } from './meldcode-shared.tsx';

// The meldcode tool. The dossier lives in this tab only: React state, mirrored to sessionStorage
// so a reload does not lose work. Quick exit clears sessionStorage and unmounts the app; closing
// the tab drops it. Nothing reaches the server except what the professional sends (advice,
// melding), the PDF request (rendered and forgotten) and counts without content.
// This chunk is the start page; the steps are a chunk of their own (meldcode-steps.tsx), fetched
// once a sector is chosen, so they are there by the time the professional presses start.

const loadSteps = () => withTexts(import('./meldcode-steps.tsx'), 'meldcodeSteps');
const MeldcodeSteps = lazy(() => loadSteps().then((m) => ({ default: m.MeldcodeSteps })));

export function MeldcodeToolPage() {
  const { t, i18n } = useMeldcodeTranslation();
  const lang: 'nl' | 'en' = i18n.language === 'en' ? 'en' : 'nl';
  const tx = (x: Text) => x[lang];
  const [d, setD] = useState<Dossier>(load);
  const [startError, setStartError] = useState(false);

  useEffect(() => save(d), [d]);
  useEffect(() => onQuickExit(() => setD(EMPTY)), []);
  useEffect(() => {
    if (d.step !== 0) document.getElementById('page-title')?.focus();
  }, [d.step, d.outcome]);

  const update = (patch: Partial<Dossier>) => setD((x) => ({ ...x, ...patch }));

  function goTo(step: StepNo): void {
    // Each step is counted once per dossier: reaching it again (Back, Next) is not a new use.
    if (!d.reached.includes(step) && d.sector) track(d.sector, `stap-${step}`, d.municipalityCode);
    setD((x) => ({ ...x, step, reached: x.reached.includes(step) ? x.reached : [...x.reached, step] }));
  }

  if (d.step === 0 && !d.outcome) {
    const routes = d.sector ? SECTOR_ROUTES[d.sector] : undefined;
    return (
      <>
        <h1 className="utrecht-heading-1" id="page-title" tabIndex={-1}>{t('title')}</h1>
        <SafetyBox />
        {(t('intro', { returnObjects: true }) as string[]).map((line) => <p className="utrecht-paragraph" key={line}>{line}</p>)}
        <p className="utrecht-paragraph"><SiteLink href={hrefFor(ROUTES.meldcodePharmacy, lang)}>{t('pharmacyLink')}</SiteLink></p>
        <div className="signaal-form">
          <Radios name="sector" legend={t('sector')} options={SECTORS.map((s) => ({ value: s, label: tx(SECTOR_LABELS[s]) }))} value={d.sector} onChange={(s) => {
            update({ sector: s as Sector, route: null, signals: [] });
            // A sector chosen means the steps are next: fetch them now, not on the start button.
            loadSteps().catch(() => undefined); // if it fails, opening the steps reports it
          }} />
          {startError && <p className="utrecht-form-field-error-message signaal-error" role="alert">{t('chooseSector')}</p>}
          {routes && (
            <Radios name="route" legend={t('route')} options={routes.map((r) => ({ value: r, label: tx(CHILDCARE_ROUTE_LABELS[r]) }))} value={d.route ?? ''} onChange={(r) => update({ route: r as ChildcareRoute })} />
          )}
          {d.route && <p className="utrecht-paragraph signaal-callout" data-testid="route-note">{tx(CHILDCARE_ROUTE_NOTES[d.route])}</p>}
          <MunicipalitySelect id="client-municipality" label={t('municipality')} hint={t('municipalityHint')} unknown={t('municipalityUnknown')} value={d.municipalityCode} onChange={(m) => update({ municipalityCode: m })} />
          <button type="button" className="utrecht-button utrecht-button--primary-action" onClick={() => {
            if (!d.sector) return setStartError(true);
            setStartError(false);
            track(d.sector, 'gestart', d.municipalityCode);
            goTo(1);
          }}>{t('start')}</button>
        </div>
      </>
    );
  }

  return <MeldcodeSteps dossier={d} setDossier={setD} goTo={goTo} />;
}
