import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Space } from '@lieux/contracts';
import { errorMessage } from '../../../lib/error-message';
import { useSetSpaceHours } from '../api/site-spaces';
import { WeeklyHoursForm } from './opening-hours-editor';

/**
 * A space follows its site's weekly hours, or keeps its own (a counter corner open two mornings a week):
 * the same editor as the site's, starting from the site's hours.
 */
export function SpaceHoursEditor({ space }: { space: Space }) {
  const { t } = useTranslation();
  const id = useId();
  const mutation = useSetSpaceHours();
  const [own, setOwn] = useState(space.ownOpeningHours !== null);

  return (
    <section className="panel stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('manage.spaceHours.title')}</h2>
      <fieldset className="fieldset fieldset--plain">
        <legend className="visually-hidden">{t('manage.spaceHours.title')}</legend>
        <label className="choice">
          <input
            type="radio"
            name={`${id}-mode`}
            checked={!own}
            disabled={mutation.isPending}
            onChange={() => {
              setOwn(false);
              if (space.ownOpeningHours !== null) mutation.mutate({ spaceId: space.id, hours: null });
            }}
          />{' '}
          {t('manage.spaceHours.followSite')}
        </label>
        <label className="choice">
          <input type="radio" name={`${id}-mode`} checked={own} onChange={() => setOwn(true)} />{' '}
          {t('manage.spaceHours.own')}
        </label>
      </fieldset>
      {mutation.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(mutation.error, t)}
        </p>
      )}
      {own && (
        <WeeklyHoursForm
          hours={space.ownOpeningHours ?? space.openingHours}
          timeZone={space.site.timeZone}
          save={async (hours) =>
            (await mutation.mutateAsync({ spaceId: space.id, hours })).ownOpeningHours ?? hours
          }
        />
      )}
    </section>
  );
}
