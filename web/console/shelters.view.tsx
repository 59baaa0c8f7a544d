import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import {
  Alert,
  Button,
  ButtonGroup,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { PlaceKind, Shelter } from './api.types.ts';
import { useCan, useConsole, useSession } from './console.context.ts';
import { errorText, refusalText } from './error-text.ts';
import { Field } from './field.component.tsx';
import { FormAlert } from './form-alert.component.tsx';
import { formatDateTime } from './format.ts';
import { PageTitle } from './page-title.component.tsx';
import { useLoad } from './use-load.hook.ts';

/** A shelter's own staff publish its places. */
function MyShelterForm({ mine, onSaved }: { mine: Shelter | undefined; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const id = useId();
  const [values, setValues] = useState({
    regularPlaces: String(mine?.regulier.places ?? 0),
    regularOccupied: String(mine?.regulier.occupied ?? 0),
    crisisPlaces: String(mine?.crisis.places ?? 0),
    crisisOccupied: String(mine?.crisis.occupied ?? 0),
  });
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const numbers = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, /^\d{1,4}$/.test(v.trim()) ? Number(v) : NaN])) as Record<keyof typeof values, number>;
    if (Object.values(numbers).some((n) => Number.isNaN(n))) return setError(t('shelters.numberRequired'));
    try {
      await api.updateMyShelter(numbers);
      setError(null);
      onSaved(t('shelters.mineSaved'));
    } catch (err) {
      setError(refusalText(t, err));
    }
  };
  const field = (key: keyof typeof values) => (
    <Field label={t(`shelters.${key}`)} required>
      {(c) => <Textbox {...c} inputMode="numeric" name={key} size={4} value={values[key]} onChange={(e: ChangeEvent<HTMLInputElement>) => setValues({ ...values, [key]: e.target.value })} />}
    </Field>
  );
  return (
    <section aria-labelledby={id} className="signaal-section signaal-panel">
      <Heading2 id={id}>{t('shelters.mineTitle')}</Heading2>
      <Paragraph>{t('shelters.mineIntro')}</Paragraph>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="signaal-form">
        <FormAlert message={error} />
        {field('regularPlaces')}
        {field('regularOccupied')}
        {field('crisisPlaces')}
        {field('crisisOccupied')}
        <Button type="submit" appearance="primary-action-button">
          {t('shelters.mineSubmit')}
        </Button>
      </form>
    </section>
  );
}

/**
 * Free shelter places across regions. Veilig Thuis staff hold a place for a few hours and record a
 * search that found none; shelter staff publish their own numbers. Numbers only, never a person.
 */
export function SheltersView() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const can = useCan();
  const session = useSession();
  const list = useLoad(() => api.shelters(), []);
  const holds = useLoad(() => (can('shelter:hold') ? api.shelterHolds() : Promise.resolve(null)), []);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const lang = i18n.language;
  const time = (iso: string) => formatDateTime(iso, lang);

  const act = async (call: () => Promise<string>): Promise<void> => {
    setError(null);
    setNotice(null);
    try {
      setNotice(await call());
      list.reload();
      holds.reload();
    } catch (err) {
      setError(refusalText(t, err));
    }
  };
  const hold = (s: Shelter, kind: PlaceKind) => act(async () => t('shelters.held', { time: time((await api.holdShelterPlace(s.organisationId, kind)).heldUntil) }));
  const mine = list.data?.items.find((s) => s.organisationId === session.user.organisation.id);

  return (
    <>
      <PageTitle documentTitle={t('shelters.title')}>{t('shelters.title')}</PageTitle>
      <Paragraph>{t('shelters.intro')}</Paragraph>
      {notice ? (
        <Alert type="ok" role="status" className="signaal-alert">
          <Paragraph>{notice}</Paragraph>
        </Alert>
      ) : null}
      <FormAlert message={error ?? (list.error ? errorText(t, list.error) : null)} />
      {list.data ? (
        <div className="signaal-table-scroll">
          <Table>
            <TableCaption>{t('shelters.caption')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('shelters.region')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('shelters.shelter')}</TableHeaderCell>
                <TableHeaderCell scope="col" className="signaal-number">{t('shelters.regularFree')}</TableHeaderCell>
                <TableHeaderCell scope="col" className="signaal-number">{t('shelters.crisisFree')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('shelters.updated')}</TableHeaderCell>
                {can('shelter:hold') ? <TableHeaderCell scope="col">{t('shelters.actions')}</TableHeaderCell> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.items.map((s) => (
                <TableRow key={s.organisationId}>
                  <TableCell>{s.region.name}</TableCell>
                  <TableHeaderCell scope="row">
                    {s.name}
                    {s.phone ? ` (${s.phone})` : ''}
                  </TableHeaderCell>
                  <TableCell className="signaal-number">{t('shelters.freeOf', { free: s.regulier.free, places: s.regulier.places })}</TableCell>
                  <TableCell className="signaal-number">{t('shelters.freeOf', { free: s.crisis.free, places: s.crisis.places })}</TableCell>
                  <TableCell>{time(s.updatedAt)}</TableCell>
                  {can('shelter:hold') ? (
                    <TableCell>
                      <ButtonGroup>
                        {s.regulier.free > 0 ? (
                          <Button type="button" appearance="secondary-action-button" onClick={() => void hold(s, 'regulier')}>
                            {t('shelters.holdRegular', { name: s.name })}
                          </Button>
                        ) : null}
                        {s.crisis.free > 0 ? (
                          <Button type="button" appearance="secondary-action-button" onClick={() => void hold(s, 'crisis')}>
                            {t('shelters.holdCrisis', { name: s.name })}
                          </Button>
                        ) : null}
                      </ButtonGroup>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}

      {holds.data ? (
        <section aria-labelledby="shelter-holds" className="signaal-section">
          <Heading2 id="shelter-holds">{t('shelters.holdsTitle')}</Heading2>
          {holds.data.items.length === 0 ? <Paragraph>{t('shelters.noHolds')}</Paragraph> : null}
          <UnorderedList>
            {holds.data.items.map((h) => (
              <UnorderedListItem key={h.id}>
                {t('shelters.holdItem', { kind: t(`shelters.kinds.${h.kind}`), name: h.shelterName, time: time(h.heldUntil) })}{' '}
                <ButtonGroup>
                  <Button type="button" appearance="secondary-action-button" onClick={() => void act(async () => (await api.endShelterHold(h.id, 'aangekomen'), t('shelters.holdEnded')))}>
                    {t('shelters.arrived')}
                  </Button>
                  <Button type="button" appearance="subtle-button" onClick={() => void act(async () => (await api.endShelterHold(h.id, 'vrijgegeven'), t('shelters.holdEnded')))}>
                    {t('shelters.release')}
                  </Button>
                </ButtonGroup>
              </UnorderedListItem>
            ))}
          </UnorderedList>
          <Heading2 id="shelter-no-place">{t('shelters.noPlaceTitle')}</Heading2>
          <Paragraph>{t('shelters.noPlaceIntro')}</Paragraph>
          <ButtonGroup>
            <Button type="button" appearance="subtle-button" onClick={() => void act(async () => (await api.noShelterPlace('regulier'), t('shelters.noPlaceRecorded')))}>
              {t('shelters.noPlaceRegular')}
            </Button>
            <Button type="button" appearance="subtle-button" onClick={() => void act(async () => (await api.noShelterPlace('crisis'), t('shelters.noPlaceRecorded')))}>
              {t('shelters.noPlaceCrisis')}
            </Button>
          </ButtonGroup>
        </section>
      ) : null}

      {can('shelter:update') && list.data ? <MyShelterForm key={mine?.updatedAt ?? 'new'} mine={mine} onSaved={(m) => { setNotice(m); list.reload(); }} /> : null}
    </>
  );
}
