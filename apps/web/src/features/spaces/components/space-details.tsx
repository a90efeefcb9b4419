import { useTranslation } from 'react-i18next';
import type { Space } from '@lieux/contracts';
import { formatDuration } from './duration';
import { SolidarityDiscounts } from './solidarity-discounts';
import { SpacePrice } from './space-price';

export function SpaceDetails({ space }: { space: Space }) {
  const { t } = useTranslation();
  const p = space.policy;
  return (
    <section className="space-details">
      {space.photos && space.photos.length > 0 && (
        <ul className="space-photos" aria-label={t('spaces.photos', { count: space.photos.length })}>
          {space.photos.map((p, i) => (
            <li key={p.id}>
              <a href={p.url}>
                <img
                  src={p.thumbnailUrl}
                  alt={t('spaces.photoAlt', { n: i + 1, name: space.name })}
                  width={480}
                  height={360}
                  loading={i === 0 ? 'eager' : 'lazy'}
                />
              </a>
            </li>
          ))}
        </ul>
      )}
      {space.description && <p className="space-details__description">{space.description}</p>}
      <dl className="facts facts--wide">
        <div>
          <dt>{t('spaces.fields.kind')}</dt>
          <dd>{t(`spaces.kind.${space.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('spaces.fields.area')}</dt>
          <dd>{t('spaces.area', { value: space.areaSqm })}</dd>
        </div>
        <div>
          <dt>{t('spaces.fields.capacity')}</dt>
          <dd>{t('spaces.capacity', { count: space.capacity })}</dd>
        </div>
        <div>
          <dt>{t('spaces.fields.price')}</dt>
          <dd>
            <SpacePrice price={space.price} />
            <SolidarityDiscounts space={space} />
          </dd>
        </div>
        {space.equipment.length > 0 && (
          <div>
            <dt>{t('spaces.fields.equipment')}</dt>
            <dd>{space.equipment.map((e) => t(`spaces.equipment.${e}`, { defaultValue: e })).join(', ')}</dd>
          </div>
        )}
        <div>
          <dt>{t('spaces.fields.access')}</dt>
          <dd>{space.stepFree ? t('spaces.stepFree') : t('space.notStepFree')}</dd>
        </div>
        <div>
          <dt>{t('spaces.fields.rules')}</dt>
          <dd>
            <ul className="rules">
              <li>{p.approvalRequired ? t('spaces.rules.approval') : t('spaces.rules.instant')}</li>
              <li>{t('spaces.rules.step', { minutes: p.slotStepMinutes })}</li>
              <li>
                {t('spaces.rules.duration', {
                  min: formatDuration(p.minDurationMinutes, t),
                  max: formatDuration(p.maxDurationMinutes, t),
                })}
              </li>
              {p.minNoticeMinutes > 0 && (
                <li>{t('spaces.rules.notice', { duration: formatDuration(p.minNoticeMinutes, t) })}</li>
              )}
              <li>{t('spaces.rules.horizon', { days: p.horizonDays })}</li>
            </ul>
          </dd>
        </div>
      </dl>
    </section>
  );
}
