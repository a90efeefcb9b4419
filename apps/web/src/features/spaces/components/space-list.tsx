import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Space } from '@lieux/contracts';
import { currentLanguage } from '../../../lib/i18n';
import { SpacePrice } from './space-price';

export function SpaceList({
  spaces,
  linkTo,
  empty,
  onHighlight,
}: {
  spaces: Space[];
  linkTo: (space: Space) => string;
  /** The message when nothing matches (a search says so differently). */
  empty?: string;
  /** A card hovered or focused (null when left): the search's map marks its site. */
  onHighlight?: (space: Space | null) => void;
}) {
  const { t } = useTranslation();
  if (spaces.length === 0) return <p className="empty">{empty ?? t('spaces.empty')}</p>;
  return (
    <ul className="space-grid" aria-label={t('spaces.count', { count: spaces.length })}>
      {spaces.map((space) => (
        <li key={space.id}>
          <article
            className="space-card"
            onMouseEnter={onHighlight && (() => onHighlight(space))}
            onMouseLeave={onHighlight && (() => onHighlight(null))}
            onFocus={onHighlight && (() => onHighlight(space))}
            onBlur={onHighlight && (() => onHighlight(null))}
          >
            {space.photos?.[0] && (
              <img
                className="space-card__photo"
                src={space.photos[0].thumbnailUrl}
                alt=""
                width={480}
                height={360}
                loading="lazy"
              />
            )}
            <header className="space-card__header">
              <p className="space-card__kind">{t(`spaces.kind.${space.kind}`)}</p>
              <h2 className="space-card__title">
                <Link to={linkTo(space)} aria-label={t('spaces.openLabel', { name: space.name })}>
                  {space.name}
                </Link>
              </h2>
              <p className="space-card__site">
                {space.site.name} · {space.site.commune}
              </p>
            </header>
            <dl className="facts">
              <div>
                <dt>{t('spaces.fields.area')}</dt>
                <dd>{t('spaces.area', { value: space.areaSqm })}</dd>
              </div>
              <div>
                <dt>{t('spaces.fields.capacity')}</dt>
                <dd>{t('spaces.capacity', { count: space.capacity })}</dd>
              </div>
              {space.distanceKm !== undefined && (
                <div>
                  <dt>{t('spaces.fields.distance')}</dt>
                  <dd>
                    {t('spaces.distance', {
                      value: new Intl.NumberFormat(currentLanguage(), { maximumFractionDigits: 1 }).format(
                        space.distanceKm,
                      ),
                    })}
                  </dd>
                </div>
              )}
              <div>
                <dt>{t('spaces.fields.price')}</dt>
                <dd>
                  <SpacePrice price={space.price} />
                </dd>
              </div>
            </dl>
            <p className="space-card__tags">
              {space.stepFree && <span className="tag">{t('spaces.stepFree')}</span>}
              {space.policy.approvalRequired && (
                <span className="tag tag--muted">{t('spaces.approval')}</span>
              )}
            </p>
            <Link
              className="button button--secondary space-card__cta"
              to={linkTo(space)}
              tabIndex={-1}
              aria-hidden="true"
            >
              {t('spaces.open')}
            </Link>
          </article>
        </li>
      ))}
    </ul>
  );
}
