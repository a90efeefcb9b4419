import { Controller, useForm, type FieldErrors, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { CreateNeedRequest, ESS_THEMES, type CreateNeedRequest as NeedRequest } from '@lieux/contracts';
import { Field } from '../../../components/field';
import { currentLanguage } from '../../../lib/i18n';
import { fieldMessage } from '../../../lib/error-message';
import '../../../lib/zod';
import { CommuneCombobox } from '../../../components/commune-combobox';
import {
  EQUIPMENT,
  RADII_KM,
  SLOT_PRESETS,
  SPACE_KINDS,
  fieldOfPath,
  formProblems,
  occurrencesOf,
  requestOf,
  type NeedFormValues,
  type SlotPreset,
} from '../need-form-values';
import { scheduleSummary } from '../need-summary';

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;

/** The form's own checks, then the shared schema's on the request the values make, each on its field. */
function resolverOf(t: TFunction): Resolver<NeedFormValues> {
  return async (values) => {
    const errors: FieldErrors<NeedFormValues> = {};
    for (const p of formProblems(values)) {
      errors[p.field] ??= { type: 'form', message: t(`needs.form.errors.${p.key}`, p.values) };
    }
    const parsed = CreateNeedRequest.safeParse(requestOf(values));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = fieldOfPath(issue.path);
        errors[field] ??= { type: 'schema', message: issue.message };
      }
    }
    return Object.keys(errors).length > 0 ? { values: {}, errors } : { values, errors: {} };
  };
}

/**
 * Declaring (or changing) a need, in the words of a volunteer: what, when, where, for how much, what for.
 * A weekly pattern takes its days from checkboxes and its hours from a half-day preset (or two times);
 * the sentence under the hours says back what was understood.
 */
export function NeedForm({
  initial,
  submitLabel,
  pending,
  error,
  onSubmit,
}: {
  initial: NeedFormValues;
  submitLabel: string;
  pending: boolean;
  /** The API's refusal of the last submit, if any. */
  error: unknown;
  onSubmit: (request: NeedRequest) => void;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const {
    register,
    handleSubmit,
    control,
    watch,
    setValue,
    formState: { errors },
  } = useForm<NeedFormValues>({ resolver: resolverOf(t), defaultValues: initial });
  const v = watch();
  const message = (name: keyof NeedFormValues, apiPath?: string) =>
    (errors[name]?.message as string | undefined) ?? (apiPath ? fieldMessage(error, apiPath) : undefined);
  const count = occurrencesOf(v);
  const understood =
    count && v.startTime < v.endTime && (v.when !== 'weekly' || v.weekdays.length > 0)
      ? scheduleSummary(requestOf(v).schedule as Parameters<typeof scheduleSummary>[0], lang)
      : null;

  const pickSlot = (slot: SlotPreset) => {
    setValue('slot', slot);
    if (slot !== 'custom') {
      setValue('startTime', SLOT_PRESETS[slot].start);
      setValue('endTime', SLOT_PRESETS[slot].end);
    }
  };

  return (
    <form
      className="form need-form"
      noValidate
      aria-label={submitLabel}
      onSubmit={handleSubmit((values) => onSubmit(requestOf(values)))}
    >
      <fieldset className="fieldset">
        <legend>{t('needs.form.what')}</legend>
        <div className="form__row">
          <Field label={t('needs.form.kind')} error={message('kind', 'body.kind')}>
            {(c) => (
              <select {...c} {...register('kind')}>
                <option value="">{t('needs.form.anyKind')}</option>
                {SPACE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`spaces.kind.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label={t('needs.form.minArea')}
            className="field--narrow"
            error={message('minArea', 'body.minAreaM2')}
          >
            {(c) => <input {...c} type="text" inputMode="decimal" {...register('minArea')} />}
          </Field>
          <Field
            label={t('needs.form.attendees')}
            className="field--narrow"
            error={message('attendees', 'body.attendees')}
          >
            {(c) => <input {...c} type="number" inputMode="numeric" min={1} {...register('attendees')} />}
          </Field>
        </div>
        <details className="need-form__more" open={v.equipment.length > 0 || v.stepFree}>
          <summary>{t('needs.form.equipmentAndAccess')}</summary>
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
            <input type="checkbox" {...register('stepFree')} /> {t('needs.form.stepFree')}
          </label>
        </details>
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('needs.form.when')}</legend>
        <div className="choices" role="radiogroup" aria-label={t('needs.form.whenMode')}>
          {(['weekly', 'perWeek', 'range'] as const).map((mode) => (
            <label key={mode} className="choice">
              <input type="radio" value={mode} {...register('when')} /> {t(`needs.form.whenModes.${mode}`)}
            </label>
          ))}
        </div>
        {v.when !== 'range' && (
          <fieldset
            className="fieldset fieldset--plain"
            aria-describedby={errors.weekdays ? 'need-weekdays-error' : undefined}
          >
            <legend>{v.when === 'perWeek' ? t('needs.form.amongDays') : t('needs.form.days')}</legend>
            <div className="choices choices--days">
              {WEEKDAYS.map((d) => (
                <label key={d} className="choice">
                  <input type="checkbox" value={d} {...register('weekdays')} /> {t(`needs.weekdays.${d}`)}
                </label>
              ))}
            </div>
            {errors.weekdays && (
              <p className="field__error" id="need-weekdays-error">
                {errors.weekdays.message as string}
              </p>
            )}
          </fieldset>
        )}
        {v.when === 'perWeek' && (
          <Field label={t('needs.form.perWeek')} className="field--narrow" error={message('perWeek')}>
            {(c) => (
              <select {...c} {...register('perWeek')}>
                {[1, 2, 3, 4, 5, 6, 7].map((n) => (
                  <option key={n} value={String(n)}>
                    {t('needs.form.perWeekOption', { count: n })}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <fieldset className="fieldset fieldset--plain">
          <legend>{t('needs.form.hours')}</legend>
          <div className="choices" role="radiogroup" aria-label={t('needs.form.hours')}>
            {(['morning', 'afternoon', 'evening', 'custom'] as const).map((slot) => (
              <label key={slot} className="choice">
                <input
                  type="radio"
                  name="slot"
                  value={slot}
                  checked={v.slot === slot}
                  onChange={() => pickSlot(slot)}
                />{' '}
                {t(`needs.form.slots.${slot}`)}
              </label>
            ))}
          </div>
          {v.slot === 'custom' && (
            <div className="form__row">
              <Field label={t('needs.form.startTime')} error={message('startTime')}>
                {(c) => <input {...c} type="time" step={300} {...register('startTime')} />}
              </Field>
              <Field label={t('needs.form.endTime')} error={message('endTime')}>
                {(c) => <input {...c} type="time" step={300} {...register('endTime')} />}
              </Field>
            </div>
          )}
        </fieldset>
        <div className="form__row">
          <Field
            label={v.when === 'range' ? t('needs.form.firstDay') : t('needs.form.from')}
            error={message('from', 'body.schedule.from')}
          >
            {(c) => <input {...c} type="date" {...register('from')} />}
          </Field>
          <Field
            label={v.when === 'range' ? t('needs.form.lastDay') : t('needs.form.until')}
            error={message('until', 'body.schedule.until')}
          >
            {(c) => <input {...c} type="date" {...register('until')} />}
          </Field>
        </div>
        <p className="field__hint need-form__understood" aria-live="polite">
          {understood && t('needs.form.understood', { text: understood, count: count ?? 0 })}
        </p>
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('needs.form.where')}</legend>
        <div className="choices" role="radiogroup" aria-label={t('needs.form.where')}>
          {(['commune', 'departement'] as const).map((mode) => (
            <label key={mode} className="choice">
              <input type="radio" value={mode} {...register('where')} /> {t(`needs.form.whereModes.${mode}`)}
            </label>
          ))}
        </div>
        {v.where === 'commune' ? (
          <div className="form__row">
            <Controller
              control={control}
              name="commune"
              render={({ field }) => (
                <CommuneCombobox
                  label={t('needs.form.commune')}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  error={message('commune', 'body.place.communeCode')}
                />
              )}
            />
            <Field label={t('needs.form.radius')} className="field--narrow" error={message('radiusKm')}>
              {(c) => (
                <select {...c} {...register('radiusKm')}>
                  {RADII_KM.map((km) => (
                    <option key={km} value={String(km)}>
                      {t('needs.form.radiusOption', { km })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        ) : (
          <Field
            label={t('needs.form.departement')}
            hint={t('needs.form.departementHint')}
            className="field--narrow"
            error={message('departementCode', 'body.place.departementCode')}
          >
            {(c) => (
              <input {...c} type="text" maxLength={3} autoComplete="off" {...register('departementCode')} />
            )}
          </Field>
        )}
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('needs.form.price')}</legend>
        <div className="choices" role="radiogroup" aria-label={t('needs.form.price')}>
          {(['any', 'free', 'max'] as const).map((mode) => (
            <label key={mode} className="choice">
              <input type="radio" value={mode} {...register('price')} /> {t(`needs.form.priceModes.${mode}`)}
            </label>
          ))}
        </div>
        {v.price === 'max' && (
          <Field
            label={t('needs.form.maxEuros')}
            className="field--narrow"
            error={message('maxEuros', 'body.maxHourlyRateCents')}
          >
            {(c) => <input {...c} type="text" inputMode="decimal" {...register('maxEuros')} />}
          </Field>
        )}
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('needs.form.purposeLegend')}</legend>
        <Field
          label={t('needs.form.purpose')}
          hint={t('needs.form.purposeHint')}
          error={message('purpose', 'body.purpose')}
        >
          {(c) => <input {...c} type="text" maxLength={280} {...register('purpose')} />}
        </Field>
        <Field label={t('needs.form.theme')} error={message('theme', 'body.theme')}>
          {(c) => (
            <select {...c} {...register('theme')}>
              <option value="">{t('needs.form.chooseTheme')}</option>
              {ESS_THEMES.map((theme) => (
                <option key={theme} value={theme}>
                  {t(`essThemes.${theme}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="choice">
          <input type="checkbox" {...register('contactable')} /> {t('needs.form.contactable')}
        </label>
        <label className="choice">
          <input type="checkbox" {...register('notifyMatches')} /> {t('needs.form.notifyMatches')}
        </label>
      </fieldset>

      <div className="form__footer">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? t('needs.form.saving') : submitLabel}
        </button>
      </div>
    </form>
  );
}
