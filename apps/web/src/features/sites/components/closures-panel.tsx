import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { CreateClosureRequest, type Site } from '@lieux/contracts';
import { Field } from '../../../components/field';
import { formatCalendarDate } from './format';
import { errorMessage } from '../../../lib/error-message';
import { useAddClosure, useRemoveClosure, type NewClosure } from '../api/closures';

/** The closures of a site (works, holidays of the staff…): listed, added, removed. */
export function ClosuresPanel({ site }: { site: Site }) {
  const { t } = useTranslation();
  const id = useId();
  const [added, setAdded] = useState(false);
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors },
  } = useForm<NewClosure>({
    resolver: zodResolver(CreateClosureRequest),
    defaultValues: { startsOn: '', endsOn: '', reason: '' },
  });
  const add = useAddClosure({
    onSuccess: () => {
      reset();
      setAdded(true);
    },
  });
  const remove = useRemoveClosure();
  const closures = [...site.closures].sort((a, b) => a.startsOn.localeCompare(b.startsOn));

  return (
    <div className="stack">
      {closures.length === 0 ? (
        <p className="muted">{t('manage.closures.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('manage.closures.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('manage.closures.from')}</th>
                <th scope="col">{t('manage.closures.to')}</th>
                <th scope="col">{t('manage.closures.reason')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('manage.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {closures.map((c) => (
                <tr key={c.id}>
                  <td>{formatCalendarDate(c.startsOn)}</td>
                  <td>{formatCalendarDate(c.endsOn)}</td>
                  <td>{c.reason}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--ghost"
                      disabled={remove.isPending}
                      aria-label={t('manage.closures.removeLabel', { reason: c.reason })}
                      onClick={() => remove.mutate({ siteId: site.id, closureId: c.id })}
                    >
                      {t('manage.closures.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {remove.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(remove.error, t)}
        </p>
      )}
      <form
        className="form"
        noValidate
        aria-labelledby={`${id}-title`}
        onSubmit={handleSubmit((v) => {
          setAdded(false);
          add.mutate({ siteId: site.id, closure: v });
        })}
      >
        <h3 id={`${id}-title`}>{t('manage.closures.add')}</h3>
        <div className="form__row">
          <Field label={t('manage.closures.from')} error={errors.startsOn?.message}>
            {(c) => <input {...c} type="date" {...register('startsOn')} />}
          </Field>
          <Field label={t('manage.closures.to')} error={errors.endsOn?.message}>
            {(c) => <input {...c} type="date" {...register('endsOn')} />}
          </Field>
        </div>
        <Field label={t('manage.closures.reason')} error={errors.reason?.message}>
          {(c) => <input {...c} type="text" {...register('reason')} />}
        </Field>
        <div role="status">
          {added && <p className="alert alert--success">{t('manage.closures.added')}</p>}
        </div>
        {add.isError && (
          <p className="alert alert--error" role="alert">
            {errorMessage(add.error, t)}
          </p>
        )}
        <div>
          <button type="submit" className="button button--primary" disabled={add.isPending}>
            {t('manage.closures.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
