import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '@lieux/scheduling';
import { Field } from '../../../components/field';
import { ListStatus } from '../../../components/list-status';
import { currentLanguage } from '../../../lib/i18n';
import { useFittingSpaces, useRegionList } from '../api/projects';
import { formatFigure } from './format';

/**
 * The spaces of a région that would fit a shared project's case sheet: the delegate's own région, or the
 * one an admin chooses (the project's own région excluded from the first choice: it is there already).
 */
export function FittingSpaces({
  projectId,
  ownRegion,
  projectRegion,
}: {
  projectId: string;
  /** The delegate's région; null for an admin, who chooses. */
  ownRegion: string | null;
  projectRegion: string;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const regions = useRegionList(ownRegion === null);
  const [chosen, setChosen] = useState<string | null>(null);
  const firstOther = regions.data?.items.find((r) => r.code !== projectRegion)?.code ?? null;
  const region = ownRegion ?? chosen ?? firstOther;
  const spaces = useFittingSpaces(projectId, region);
  const items = spaces.data?.items ?? [];
  const regionName = regions.data?.items.find((r) => r.code === region)?.name;

  return (
    <section aria-labelledby="fitting-spaces" className="fitting-spaces">
      <h2 id="fitting-spaces">{t('projects.fitting.title')}</h2>
      <p className="muted">{t('projects.fitting.intro')}</p>
      {ownRegion === null && (
        <Field className="field--medium" label={t('projects.fitting.region')}>
          {(c) => (
            <select {...c} value={region ?? ''} onChange={(e) => setChosen(e.target.value)}>
              {regions.data?.items.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <ListStatus
        query={spaces}
        isEmpty={items.length === 0}
        empty={<p>{t('projects.fitting.empty', { region: regionName ?? region ?? '' })}</p>}
      />
      {items.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('projects.fitting.caption')}>
          <table className="table table--compact table--cards">
            <caption>{t('projects.fitting.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('projects.fitting.space')}</th>
                <th scope="col">{t('projects.fitting.site')}</th>
                <th scope="col" className="num">
                  {t('projects.fitting.area')}
                </th>
                <th scope="col" className="num">
                  {t('projects.fitting.capacity')}
                </th>
                <th scope="col" className="num">
                  {t('projects.fitting.weeklyHours')}
                </th>
                <th scope="col" className="num">
                  {t('projects.fitting.price')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.spaceId}>
                  <th scope="row" data-label={t('projects.fitting.space')}>
                    <Link to={`/espaces/${s.spaceId}`}>{s.spaceName}</Link>
                    <span className="muted block">{t(`spaces.kind.${s.kind}`)}</span>
                  </th>
                  <td data-label={t('projects.fitting.site')}>
                    {s.siteName}
                    <span className="muted block">
                      {s.commune} ({s.departementCode})
                    </span>
                  </td>
                  <td className="num" data-label={t('projects.fitting.area')}>
                    {t('spaces.area', { value: formatFigure(s.areaM2, lang) })}
                  </td>
                  <td className="num" data-label={t('projects.fitting.capacity')}>
                    {s.capacity}
                  </td>
                  <td className="num" data-label={t('projects.fitting.weeklyHours')}>
                    {formatFigure(s.weeklyOpenHours, lang)} h
                  </td>
                  <td className="num" data-label={t('projects.fitting.price')}>
                    {s.hourlyRateCents === 0
                      ? t('spaces.free')
                      : t('spaces.perHour', { price: formatMoney(s.hourlyRateCents, lang) })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
