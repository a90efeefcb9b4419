import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { Booking, CreateSeriesResponse, Space } from '@lieux/contracts';
import { ApiError } from '../../../lib/api-client';
import { errorMessage } from '../../../lib/error-message';
import { formatDate, formatMoney, formatTime } from '@lieux/scheduling';
import { todayIn } from '../../../lib/wall-clock';
import { currentLanguage } from '../../../lib/i18n';
import { uuid } from '../../../lib/uuid';
import { useCreateBooking } from '../api/create-booking';
import { useCreateSeries } from '../api/create-series';
import { NO_RECURRENCE, RecurrenceEditor, recurrenceRule, type Recurrence } from './recurrence-editor';
import {
  FIELD_OF,
  bookingFormSchema,
  toBookingRequest,
  type BookingFormContext,
  type BookingFormValues,
} from './booking-form-schema';

export interface BookingDialogProps {
  space: Space;
  /** Wall-clock date and times in the site's zone, prefilled after a drag on the calendar. */
  initial: Partial<Pick<BookingFormValues, 'date' | 'startTime' | 'endTime'>>;
  free?: BookingFormContext['free'];
  freeWindow?: BookingFormContext['freeWindow'];
  onClose: () => void;
  onBooked: (booking: Booking) => void;
  /** Someone else took the slot meanwhile (409 SLOT_TAKEN). */
  onConflict: () => void;
  /** A series was made: each date booked or refused, with the reason. */
  onSeriesCreated?: (result: CreateSeriesResponse) => void;
}

/** The booking form in a modal dialog: same form whether the slot was dragged or typed. */
export function BookingDialog({
  space,
  initial,
  free,
  freeWindow,
  onClose,
  onBooked,
  onConflict,
  onSeriesCreated,
}: BookingDialogProps) {
  const { t } = useTranslation();
  const id = useId();
  const lang = currentLanguage();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const timeZone = space.site.timeZone;

  const schema = useMemo(
    () => bookingFormSchema({ space, free, freeWindow }, t),
    [space, free, freeWindow, t],
  );
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    control,
    formState: { errors },
  } = useForm<BookingFormValues>({
    resolver: zodResolver(schema),
    defaultValues: {
      date: initial.date ?? todayIn(timeZone),
      startTime: initial.startTime ?? '',
      endTime: initial.endTime ?? '',
      title: '',
      attendees: undefined,
    },
    shouldFocusError: true,
  });

  // Once the booking is settled (made, or the slot taken), the parent owns the focus: closing the
  // dialog must not hand it back to the opener.
  const settled = useRef(false);
  const settle = () => {
    settled.current = true;
    if (dialogRef.current?.open) dialogRef.current.close();
  };

  const mutation = useCreateBooking({
    onSuccess: (booking) => {
      settle();
      onBooked(booking);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'SLOT_TAKEN') {
        settle();
        onConflict();
        return;
      }
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
        for (const e of error.errors) {
          const field = FIELD_OF[e.path.replace(/^body\./, '')];
          if (field) setError(field, { type: 'server', message: e.message });
        }
      }
    },
  });

  const [recurrence, setRecurrence] = useState<Recurrence>(NO_RECURRENCE);
  const series = useCreateSeries({
    onSuccess: (result) => {
      settle();
      onSeriesCreated?.(result);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
        for (const e of error.errors) {
          const field =
            FIELD_OF[e.path.replace(/^body\./, '').replace(/^first(Start|End)$/, (_m, x) => x.toLowerCase())];
          if (field) setError(field, { type: 'server', message: e.message });
        }
      }
    },
  });

  // Opened once per mount: the first field to fill is decided by what the dialog was opened with.
  const firstField = useRef<'title' | 'date'>(initial.startTime && initial.endTime ? 'title' : 'date');
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    setFocus(firstField.current);
  }, [setFocus]);

  const [date, startTime, endTime] = useWatch({ control, name: ['date', 'startTime', 'endTime'] });
  const summary = useMemo(() => {
    try {
      const r = toBookingRequest({ date, startTime, endTime, title: 'x', attendees: 1 }, space);
      const start = Date.parse(r.start);
      const end = Date.parse(r.end);
      if (!(end > start)) return null;
      return {
        text: t('bookingForm.summary', {
          date: formatDate(start, timeZone, lang),
          start: formatTime(start, timeZone, lang),
          end: formatTime(end, timeZone, lang),
        }),
        price:
          space.price.hourlyRateCents === 0
            ? t('spaces.free')
            : formatMoney(Math.round((space.price.hourlyRateCents * (end - start)) / 3_600_000), lang),
      };
    } catch {
      return null;
    }
  }, [date, startTime, endTime, space, timeZone, lang, t]);

  const first = useMemo(() => {
    try {
      const r = toBookingRequest({ date, startTime, endTime, title: 'x', attendees: 1 }, space);
      const start = Date.parse(r.start);
      const end = Date.parse(r.end);
      return end > start ? { start, end } : null;
    } catch {
      return null;
    }
  }, [date, startTime, endTime, space]);
  const rule = useMemo(
    () => (recurrence.enabled ? recurrenceRule(recurrence, first, timeZone, lang) : null),
    [recurrence, first, timeZone, lang],
  );

  const onSubmit = handleSubmit((values) => {
    const request = toBookingRequest(values, space);
    if (!recurrence.enabled) {
      mutation.mutate({ request, idempotencyKey: uuid() });
      return;
    }
    if (!rule || !('rrule' in rule)) return;
    series.mutate({
      request: {
        spaceId: request.spaceId,
        firstStart: request.start,
        firstEnd: request.end,
        rrule: rule.rrule,
        title: request.title,
        attendees: request.attendees,
      },
      idempotencyKey: uuid(),
    });
  });

  const fieldProps = (name: keyof BookingFormValues) => ({
    id: `${id}-${name}`,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby':
      [
        errors[name] ? `${id}-${name}-error` : null,
        name === 'title' || name === 'attendees' ? `${id}-${name}-hint` : null,
      ]
        .filter(Boolean)
        .join(' ') || undefined,
  });
  const fieldError = (name: keyof BookingFormValues) =>
    errors[name] ? (
      <p className="field__error" id={`${id}-${name}-error`}>
        {errors[name]?.message}
      </p>
    ) : null;

  const apiError =
    (mutation.isError && !(mutation.error instanceof ApiError && mutation.error.code === 'SLOT_TAKEN')) ||
    series.isError;
  const shownError = series.isError ? series.error : mutation.error;
  const seriesErrorDetail =
    series.error instanceof ApiError && series.error.errors.some((e) => e.path.startsWith('occurrences'))
      ? series.error.errors.map((e) => e.message)
      : [];
  const pending = mutation.isPending || series.isPending;

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={`${id}-heading`}
      aria-describedby={`${id}-intro`}
      onClose={() => {
        if (!settled.current) onClose();
      }}
      onCancel={(e) => {
        if (pending) e.preventDefault();
      }}
    >
      <form className="form" onSubmit={onSubmit} noValidate>
        <header className="dialog__header">
          <h2 id={`${id}-heading`}>{t('bookingForm.title', { space: space.name })}</h2>
          <button
            type="button"
            className="button button--icon"
            onClick={() => dialogRef.current?.close()}
            aria-label={t('common.close')}
          >
            <span aria-hidden="true">×</span>
          </button>
        </header>
        <p id={`${id}-intro`} className="dialog__intro">
          {t('bookingForm.intro', { site: `${space.site.name}, ${space.site.commune}`, timeZone })}
        </p>

        {apiError && (
          <div className="alert alert--error" role="alert">
            <p>
              <strong>{t('bookingForm.errorSummary')}</strong> {errorMessage(shownError, t)}
            </p>
            {seriesErrorDetail.length > 0 && (
              <ul>
                {seriesErrorDetail.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            )}
          </div>
        )}

        <div className="form__row">
          <div className="field">
            <label htmlFor={`${id}-date`}>{t('bookingForm.date')}</label>
            <input type="date" min={todayIn(timeZone)} {...fieldProps('date')} {...register('date')} />
            {fieldError('date')}
          </div>
          <div className="field">
            <label htmlFor={`${id}-startTime`}>{t('bookingForm.start')}</label>
            <input
              type="time"
              step={space.policy.slotStepMinutes * 60}
              {...fieldProps('startTime')}
              {...register('startTime')}
            />
            {fieldError('startTime')}
          </div>
          <div className="field">
            <label htmlFor={`${id}-endTime`}>{t('bookingForm.end')}</label>
            <input
              type="time"
              step={space.policy.slotStepMinutes * 60}
              {...fieldProps('endTime')}
              {...register('endTime')}
            />
            {fieldError('endTime')}
          </div>
        </div>

        {summary && (
          <p className="dialog__summary" aria-live="polite">
            <span>{summary.text}</span>
            <span className="dialog__price">{t('bookingForm.price', { price: summary.price })}</span>
          </p>
        )}

        <RecurrenceEditor
          value={recurrence}
          onChange={setRecurrence}
          summary={
            rule && 'summary' in rule
              ? rule.summary
              : rule && 'message' in rule && rule.message
                ? rule.message
                : null
          }
          minDate={date || todayIn(timeZone)}
          firstWeekday={
            /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T12:00:00Z`).getUTCDay() || 7 : undefined
          }
        />

        <div className="field">
          <label htmlFor={`${id}-title`}>{t('bookingForm.subject')}</label>
          <input
            type="text"
            maxLength={120}
            autoComplete="off"
            {...fieldProps('title')}
            {...register('title')}
          />
          <p className="field__hint" id={`${id}-title-hint`}>
            {t('bookingForm.subjectHint')}
          </p>
          {fieldError('title')}
        </div>

        <div className="field field--narrow">
          <label htmlFor={`${id}-attendees`}>{t('bookingForm.attendees')}</label>
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={space.capacity}
            step={1}
            {...fieldProps('attendees')}
            {...register('attendees', { valueAsNumber: true })}
          />
          <p className="field__hint" id={`${id}-attendees-hint`}>
            {t('bookingForm.attendeesHint', { count: space.capacity })}
          </p>
          {fieldError('attendees')}
        </div>

        <div className="dialog__actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => dialogRef.current?.close()}
          >
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            className="button button--primary"
            disabled={pending || (recurrence.enabled && !(rule && 'rrule' in rule))}
          >
            {pending
              ? t('bookingForm.submitting')
              : recurrence.enabled
                ? t('recurrence.submit')
                : t('bookingForm.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
