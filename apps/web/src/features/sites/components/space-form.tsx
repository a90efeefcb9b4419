import { useForm, type FieldError } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from '../../../lib/zod';
import {
  ACCESS_METHODS,
  CreateSpaceRequest,
  DEFAULT_POLICY,
  NO_ACCESS,
  EQUIPMENT,
  SLOT_STEPS,
  SPACE_AUDIENCES,
  SPACE_KINDS,
  type Space,
} from '@lieux/contracts';
import { Field } from '../../../components/field';
import { ApiError } from '../../../lib/api-client';
import { errorMessage } from '../../../lib/error-message';
import { i18n } from '../../../lib/i18n';

/**
 * The shared request schema, with the price in euros (the API counts cents). Its messages are text, not
 * locale keys, like the shared schema's: chosen in the page's language when the issue is raised.
 */
const Schema = CreateSpaceRequest.omit({ price: true }).extend({
  hourlyRateEuros: z
    .number({ error: () => i18n.t('manage.form.rateErrors.required') })
    .min(0, { error: () => i18n.t('manage.form.rateErrors.negative') })
    .max(1000, { error: () => i18n.t('manage.form.rateErrors.tooHigh') }),
});
type Input = z.input<typeof Schema>;
type Output = z.output<typeof Schema>;
export type SpaceFormOutput = Omit<Output, 'hourlyRateEuros'> & { price: { hourlyRateCents: number } };

const valuesOf = (space?: Space): Input =>
  space
    ? {
        name: space.name,
        kind: space.kind,
        areaSqm: space.areaSqm,
        capacity: space.capacity,
        equipment: space.equipment.filter((e): e is (typeof EQUIPMENT)[number] =>
          (EQUIPMENT as readonly string[]).includes(e),
        ),
        stepFree: space.stepFree,
        description: space.description,
        policy: {
          ...space.policy,
          slotStepMinutes: space.policy.slotStepMinutes as (typeof SLOT_STEPS)[number],
        },
        hourlyRateEuros: space.price.hourlyRateCents / 100,
        access: space.access ?? NO_ACCESS,
      }
    : {
        name: '',
        kind: 'meeting_room',
        areaSqm: NaN,
        capacity: NaN,
        equipment: [],
        stepFree: false,
        description: '',
        policy: DEFAULT_POLICY,
        hourlyRateEuros: 0,
        access: NO_ACCESS,
      };

/** The check-in delays a manager picks from (the API takes any number of minutes from 5 to 240). */
const CHECK_IN_CHOICES = [5, 10, 15, 20, 30, 45, 60, 90, 120];

type NumberField =
  | 'areaSqm'
  | 'capacity'
  | 'hourlyRateEuros'
  | 'policy.minDurationMinutes'
  | 'policy.maxDurationMinutes'
  | 'policy.minNoticeMinutes'
  | 'policy.horizonDays'
  | 'policy.bufferBeforeMinutes'
  | 'policy.bufferAfterMinutes';

/** Creates or edits a space: one form, validated by the API's own schema before it is sent. */
export function SpaceForm({
  space,
  pending,
  error,
  submitLabel,
  onSubmit,
}: {
  space?: Space;
  pending: boolean;
  error: Error | null;
  submitLabel: string;
  onSubmit: (values: SpaceFormOutput) => void;
}) {
  const { t } = useTranslation();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<Input, unknown, Output>({ resolver: zodResolver(Schema), defaultValues: valuesOf(space) });

  const fieldError = (name: string): FieldError | undefined => {
    let node: unknown = errors;
    for (const part of name.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    return node as FieldError | undefined;
  };
  // The API's own field errors (a 400 that slipped past the form), by their `body.…` path.
  const apiErrors = error instanceof ApiError ? error.errors : [];
  const messageOf = (name: string) =>
    fieldError(name)?.message ?? apiErrors.find((e) => e.path === `body.${name}`)?.message;
  const numberField = (name: NumberField, label: string, unit?: string, step = 1) => (
    <Field className="field--narrow" label={label} error={messageOf(name)}>
      {(c) => (
        <span className="input-unit">
          <input
            {...c}
            type="number"
            inputMode="decimal"
            step={step}
            min={0}
            {...register(name, { valueAsNumber: true })}
          />
          {unit && <span aria-hidden="true">{unit}</span>}
        </span>
      )}
    </Field>
  );

  return (
    <form
      className="form"
      noValidate
      onSubmit={handleSubmit(({ hourlyRateEuros, ...rest }) =>
        onSubmit({ ...rest, price: { hourlyRateCents: Math.round(hourlyRateEuros * 100) } }),
      )}
    >
      {error && (
        <p className="alert alert--error" role="alert">
          {errorMessage(error, t)}
        </p>
      )}
      <fieldset className="fieldset">
        <legend>{t('manage.form.general')}</legend>
        <Field label={t('manage.form.name')} error={messageOf('name')}>
          {(c) => <input {...c} type="text" {...register('name')} />}
        </Field>
        <Field label={t('spaces.fields.kind')} error={messageOf('kind')}>
          {(c) => (
            <select {...c} {...register('kind')}>
              {SPACE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`spaces.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="form__row">
          {numberField('areaSqm', t('manage.form.area'), 'm²', 0.5)}
          {numberField('capacity', t('manage.form.capacity'), t('manage.form.people'))}
        </div>
        <Field label={t('manage.form.description')} error={messageOf('description')}>
          {(c) => <textarea {...c} rows={4} {...register('description')} />}
        </Field>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('spaces.fields.equipment')}</legend>
        <div className="choices choices--grid">
          {EQUIPMENT.map((e) => (
            <label key={e} className="choice">
              <input type="checkbox" value={e} {...register('equipment')} /> {t(`spaces.equipment.${e}`)}
            </label>
          ))}
        </div>
        <label className="choice">
          <input type="checkbox" {...register('stepFree')} /> {t('spaces.stepFree')}
        </label>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('spaces.fields.rules')}</legend>
        <label className="choice">
          <input type="checkbox" {...register('policy.approvalRequired')} />{' '}
          {t('manage.form.approvalRequired')}
        </label>
        <Field
          className="field--narrow"
          label={t('manage.form.slotStep')}
          error={messageOf('policy.slotStepMinutes')}
        >
          {(c) => (
            <select {...c} {...register('policy.slotStepMinutes', { valueAsNumber: true })}>
              {SLOT_STEPS.map((n) => (
                <option key={n} value={n}>
                  {t('spaces.duration.minutes', { count: n })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="form__row">
          {numberField('policy.minDurationMinutes', t('manage.form.minDuration'), 'min')}
          {numberField('policy.maxDurationMinutes', t('manage.form.maxDuration'), 'min')}
        </div>
        <div className="form__row">
          {numberField('policy.minNoticeMinutes', t('manage.form.minNotice'), 'min')}
          {numberField('policy.horizonDays', t('manage.form.horizon'), t('manage.form.days'))}
        </div>
        <div className="form__row">
          {numberField('policy.bufferBeforeMinutes', t('manage.form.bufferBefore'), 'min')}
          {numberField('policy.bufferAfterMinutes', t('manage.form.bufferAfter'), 'min')}
        </div>
        <Field
          className="field--narrow"
          label={t('manage.form.checkIn')}
          hint={t('manage.form.checkInHint')}
          error={messageOf('policy.checkInMinutes')}
        >
          {(c) => (
            <select
              {...c}
              {...register('policy.checkInMinutes', {
                setValueAs: (v) => (v === '' || v === null ? null : Number(v)),
              })}
            >
              <option value="">{t('manage.form.checkInNone')}</option>
              {CHECK_IN_CHOICES.map((n) => (
                <option key={n} value={n}>
                  {t('manage.form.checkInWithin', { count: n })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('manage.form.audience')} error={messageOf('policy.audience')}>
          {(c) => (
            <select {...c} {...register('policy.audience')}>
              {SPACE_AUDIENCES.map((a) => (
                <option key={a} value={a}>
                  {t(`manage.form.audiences.${a}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('spaces.fields.price')}</legend>
        {numberField('hourlyRateEuros', t('manage.form.hourlyRate'), '€ / h', 0.01)}
        <p className="field__hint">{t('manage.form.priceHint')}</p>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('siteManage.access.spaceTitle')}</legend>
        <p className="field__hint">{t('siteManage.access.spaceIntro')}</p>
        <div className="form__row">
          <Field label={t('siteManage.access.floor')} error={messageOf('access.floor')}>
            {(c) => <input {...c} type="text" {...register('access.floor')} />}
          </Field>
          <Field label={t('siteManage.access.method')} error={messageOf('access.method')}>
            {(c) => (
              <select {...c} {...register('access.method', { setValueAs: (v) => (v === '' ? null : v) })}>
                <option value="">{t('siteManage.access.methods.none')}</option>
                {ACCESS_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {t(`siteManage.access.methods.${m}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label={t('siteManage.access.entrance')} error={messageOf('access.entrance')}>
          {(c) => <input {...c} type="text" {...register('access.entrance')} />}
        </Field>
        <Field
          label={t('siteManage.access.instructions')}
          hint={t('siteManage.access.instructionsHint')}
          error={messageOf('access.instructions')}
        >
          {(c) => <textarea {...c} rows={3} {...register('access.instructions')} />}
        </Field>
      </fieldset>
      <div>
        <button type="submit" className="button button--primary" disabled={pending}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
