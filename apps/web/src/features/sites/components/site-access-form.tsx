import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { SiteContactInput, type Site } from '@lieux/contracts';
import { Field } from '../../../components/field';
import { ApiError } from '../../../lib/api-client';
import { errorMessage } from '../../../lib/error-message';
import { z } from '../../../lib/zod';
import { useUpdateSite } from '../api/update-site';

const Schema = z.object({ accessNotes: z.string().max(2000), contact: SiteContactInput });
type Values = z.infer<typeof Schema>;

/**
 * How to reach the site and whom to call about a booking: told to organisations once their booking is
 * confirmed, never shown on the public pages.
 */
export function SiteAccessForm({ site }: { site: Site }) {
  const { t } = useTranslation();
  const update = useUpdateSite();
  const [saved, setSaved] = useState(false);
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<Values>({
    resolver: zodResolver(Schema),
    defaultValues: { accessNotes: site.accessNotes, contact: site.contact },
  });
  const apiErrors = update.error instanceof ApiError ? update.error.errors : [];
  const apiError = (path: string) => apiErrors.find((e) => e.path === `body.${path}`)?.message;

  return (
    <form
      className="form"
      noValidate
      onSubmit={handleSubmit((values) => {
        setSaved(false);
        update.mutate({ siteId: site.id, patch: values }, { onSuccess: () => setSaved(true) });
      })}
    >
      <p className="muted">{t('siteManage.access.siteIntro')}</p>
      <Field
        label={t('siteManage.access.notes')}
        hint={t('siteManage.access.notesHint')}
        error={errors.accessNotes?.message ?? apiError('accessNotes')}
      >
        {(c) => <textarea {...c} rows={3} {...register('accessNotes')} />}
      </Field>
      <fieldset className="fieldset fieldset--plain">
        <legend>{t('siteManage.access.contact')}</legend>
        <div className="form__row form__row--three">
          <Field
            label={t('siteManage.access.contactName')}
            error={errors.contact?.name?.message ?? apiError('contact.name')}
          >
            {(c) => <input {...c} type="text" autoComplete="off" {...register('contact.name')} />}
          </Field>
          <Field
            label={t('siteManage.access.contactPhone')}
            error={errors.contact?.phone?.message ?? apiError('contact.phone')}
          >
            {(c) => <input {...c} type="tel" autoComplete="off" {...register('contact.phone')} />}
          </Field>
          <Field
            label={t('siteManage.access.contactEmail')}
            error={errors.contact?.email?.message ?? apiError('contact.email')}
          >
            {(c) => <input {...c} type="email" autoComplete="off" {...register('contact.email')} />}
          </Field>
        </div>
      </fieldset>
      <div role="status">
        {saved && <p className="alert alert--success">{t('siteManage.access.saved')}</p>}
      </div>
      {update.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(update.error, t)}
        </p>
      )}
      <div>
        <button type="submit" className="button button--primary" disabled={update.isPending}>
          {t('siteManage.access.save')}
        </button>
      </div>
    </form>
  );
}
