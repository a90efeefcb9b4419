import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from '../../../lib/zod';
import { EQUIPMENT, SPACE_KINDS } from '@lieux/contracts';
import { Field } from '../../../components/field';
import { EMPTY_FILTERS, NEAR_RADIUS_KM, type SearchFilters } from './search-filters';

const Schema = z
  .object({
    q: z.string().trim().max(80),
    minCapacity: z.string().regex(/^(\d{1,4})?$/, 'search.errors.capacity'),
    kind: z.union([z.enum(SPACE_KINDS), z.literal('')]),
    minArea: z.string().regex(/^(\d{1,4})?$/, 'search.errors.area'),
    equipment: z.array(z.enum(EQUIPMENT)),
    stepFree: z.boolean(),
    maxPrice: z.string(),
    date: z.string(),
    start: z.string(),
    end: z.string(),
    near: z.string(),
    bbox: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.q.length === 1) ctx.addIssue({ code: 'custom', path: ['q'], message: 'search.errors.q' });
    const any = v.date || v.start || v.end;
    if (any && !v.date) ctx.addIssue({ code: 'custom', path: ['date'], message: 'search.errors.date' });
    if (any && !v.start) ctx.addIssue({ code: 'custom', path: ['start'], message: 'search.errors.time' });
    if (any && !v.end) ctx.addIssue({ code: 'custom', path: ['end'], message: 'search.errors.time' });
    if (v.start && v.end && v.end <= v.start) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'search.errors.endBeforeStart' });
    }
  });

/** The price ceilings offered, in euros an hour; 0 keeps the free spaces only (mécénat). */
const PRICE_CEILINGS = ['0', '5', '10', '20', '50'] as const;

type GeoState = 'idle' | 'locating' | 'denied' | 'unavailable';

/**
 * The filter bar of the search: a place, a time window and a number of people on one line; the kind, m²,
 * price, equipment and access folded under "more filters", open when one of them is set.
 */
export function SpaceSearchForm({
  initial,
  onSearch,
}: {
  initial: SearchFilters;
  onSearch: (filters: SearchFilters) => void;
}) {
  const { t } = useTranslation();
  const [geo, setGeo] = useState<GeoState>('idle');
  const {
    register,
    handleSubmit,
    getValues,
    reset,
    formState: { errors },
  } = useForm<SearchFilters>({ resolver: zodResolver(Schema), defaultValues: initial });

  const message = (name: keyof SearchFilters) => errors[name]?.message && t(errors[name].message);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setGeo('unavailable');
      return;
    }
    setGeo('locating');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setGeo('idle');
        const near = `${position.coords.latitude.toFixed(4)},${position.coords.longitude.toFixed(4)}`;
        onSearch({ ...getValues(), near, q: '', bbox: '' });
      },
      (error) => setGeo(error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable'),
      { timeout: 10_000, maximumAge: 300_000 },
    );
  };

  const more =
    [initial.kind, initial.minArea, initial.maxPrice, initial.stepFree || ''].filter(Boolean).length +
    initial.equipment.length;

  return (
    <form
      className="search-form"
      role="search"
      aria-label={t('search.label')}
      noValidate
      onSubmit={handleSubmit((v) => {
        const q = v.q.trim();
        // A place typed replaces the map's area and the "near me" point; other filters keep them.
        onSearch({ ...v, q, near: q ? '' : initial.near, bbox: q ? '' : initial.bbox });
      })}
    >
      <div className="search-form__main">
        <Field className="search-form__q" label={t('search.q')} error={message('q')}>
          {(c) => (
            <input
              {...c}
              type="search"
              autoComplete="off"
              placeholder={initial.bbox ? t('search.qInArea') : t('search.qPlaceholder')}
              {...register('q')}
            />
          )}
        </Field>
        <Field label={t('search.date')} error={message('date')}>
          {(c) => <input {...c} type="date" {...register('date')} />}
        </Field>
        <Field label={t('search.start')} error={message('start')}>
          {(c) => <input {...c} type="time" step={300} {...register('start')} />}
        </Field>
        <Field label={t('search.end')} error={message('end')}>
          {(c) => <input {...c} type="time" step={300} {...register('end')} />}
        </Field>
        <Field label={t('search.minCapacity')} error={message('minCapacity')}>
          {(c) => <input {...c} type="number" inputMode="numeric" min={1} {...register('minCapacity')} />}
        </Field>
        <button type="submit" className="button button--primary search-form__submit">
          {t('search.submit')}
        </button>
      </div>
      <p className="field__hint">{t('search.timeZoneNote')}</p>
      <details className="search-form__more" open={more > 0}>
        <summary>{more > 0 ? t('search.moreActive', { count: more }) : t('search.more')}</summary>
        <div className="search-form__row">
          <Field label={t('search.kind')}>
            {(c) => (
              <select {...c} {...register('kind')}>
                <option value="">{t('search.anyKind')}</option>
                {SPACE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`spaces.kind.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('search.minArea')} error={message('minArea')}>
            {(c) => <input {...c} type="number" inputMode="numeric" min={1} {...register('minArea')} />}
          </Field>
          <Field label={t('search.price')}>
            {(c) => (
              <select {...c} {...register('maxPrice')}>
                <option value="">{t('search.anyPrice')}</option>
                {PRICE_CEILINGS.map((euros) => (
                  <option key={euros} value={euros}>
                    {euros === '0' ? t('search.freeOnly') : t('search.priceUpTo', { euros })}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <fieldset className="fieldset fieldset--plain">
          <legend>{t('spaces.fields.equipment')}</legend>
          <div className="choices choices--grid">
            {EQUIPMENT.map((e) => (
              <label key={e} className="choice">
                <input type="checkbox" value={e} {...register('equipment')} /> {t(`spaces.equipment.${e}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="choice">
          <input type="checkbox" {...register('stepFree')} /> {t('search.stepFree')}
        </label>
      </details>
      <div className="search-form__actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={locate}
          disabled={geo === 'locating'}
        >
          {geo === 'locating' ? t('search.locating') : t('search.nearMe')}
        </button>
        {initial.near && (
          <button
            type="button"
            className="button button--ghost"
            onClick={() => onSearch({ ...getValues(), near: '' })}
          >
            {t('search.forgetPoint')}
          </button>
        )}
        <button
          type="button"
          className="button button--ghost"
          onClick={() => {
            reset(EMPTY_FILTERS);
            onSearch(EMPTY_FILTERS);
          }}
        >
          {t('search.reset')}
        </button>
      </div>
      <div role="status">
        {geo === 'denied' && <p className="alert alert--info">{t('search.geoDenied')}</p>}
        {geo === 'unavailable' && <p className="alert alert--info">{t('search.geoUnavailable')}</p>}
        {initial.near && geo === 'idle' && (
          <p className="muted">{t('search.nearActive', { km: NEAR_RADIUS_KM })}</p>
        )}
      </div>
    </form>
  );
}
