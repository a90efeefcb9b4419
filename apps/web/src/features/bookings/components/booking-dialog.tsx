import { useEffect, useMemo, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { Booking, CreateSeriesResponse, Space } from '@lieux/contracts';
import { Field } from '../../../components/field';
import { Modal } from '../../../components/modal';
import { todayIn } from '../../../lib/wall-clock';
import { currentLanguage } from '../../../lib/i18n';
import { useSubmitBooking } from '../hooks/use-submit-booking';
import { BookingRefusal } from './booking-refusal';
import { BookingSummary } from './booking-summary';
import { NO_RECURRENCE, RecurrenceEditor, recurrenceRule, type Recurrence } from './recurrence-editor';
import {
  bookingFormSchema,
  periodOf,
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
  const { submit, pending, error, details } = useSubmitBooking({
    setError,
    onBooked: (booking) => {
      settle();
      onBooked(booking);
    },
    onConflict: () => {
      settle();
      onConflict();
    },
    onSeriesCreated: (result) => {
      settle();
      onSeriesCreated?.(result);
    },
  });

  // Opened once per mount: the first field to fill is decided by what the dialog was opened with.
  const firstField = useRef<'title' | 'date'>(initial.startTime && initial.endTime ? 'title' : 'date');
  useEffect(() => setFocus(firstField.current), [setFocus]);

  const [date, startTime, endTime] = useWatch({ control, name: ['date', 'startTime', 'endTime'] });
  const period = useMemo(
    () => periodOf({ date, startTime, endTime }, space),
    [date, startTime, endTime, space],
  );
  const [recurrence, setRecurrence] = useState<Recurrence>(NO_RECURRENCE);
  const rule = useMemo(
    () => (recurrence.enabled ? recurrenceRule(recurrence, period, timeZone, lang) : null),
    [recurrence, period, timeZone, lang],
  );
  const rrule = rule && 'rrule' in rule ? rule.rrule : null;

  const onSubmit = handleSubmit((values) => {
    if (recurrence.enabled && !rrule) return;
    submit(toBookingRequest(values, space), recurrence.enabled ? rrule : null);
  });

  const step = space.policy.slotStepMinutes * 60;
  const message = (name: keyof BookingFormValues) => errors[name]?.message;

  return (
    <Modal
      ref={dialogRef}
      title={t('bookingForm.title', { space: space.name })}
      description={
        <p className="dialog__intro">
          {t('bookingForm.intro', { site: `${space.site.name}, ${space.site.commune}`, timeZone })}
        </p>
      }
      closeButton
      busy={pending}
      onSubmit={onSubmit}
      onClose={() => {
        if (!settled.current) onClose();
      }}
      actions={
        <button
          type="submit"
          className="button button--primary"
          disabled={pending || (recurrence.enabled && !rrule)}
        >
          {pending
            ? t('bookingForm.submitting')
            : recurrence.enabled
              ? t('recurrence.submit')
              : t('bookingForm.submit')}
        </button>
      }
    >
      {error && <BookingRefusal error={error} details={details} />}

      <div className="form__row">
        <Field label={t('bookingForm.date')} error={message('date')}>
          {(c) => <input {...c} type="date" min={todayIn(timeZone)} {...register('date')} />}
        </Field>
        <Field label={t('bookingForm.start')} error={message('startTime')}>
          {(c) => <input {...c} type="time" step={step} {...register('startTime')} />}
        </Field>
        <Field label={t('bookingForm.end')} error={message('endTime')}>
          {(c) => <input {...c} type="time" step={step} {...register('endTime')} />}
        </Field>
      </div>

      {period && <BookingSummary space={space} period={period} />}

      <RecurrenceEditor
        value={recurrence}
        onChange={setRecurrence}
        rule={rule}
        minDate={date || todayIn(timeZone)}
        firstWeekday={
          /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T12:00:00Z`).getUTCDay() || 7 : undefined
        }
      />

      <Field label={t('bookingForm.subject')} hint={t('bookingForm.subjectHint')} error={message('title')}>
        {(c) => <input {...c} type="text" maxLength={120} autoComplete="off" {...register('title')} />}
      </Field>

      <Field
        className="field--narrow"
        label={t('bookingForm.attendees')}
        hint={t('bookingForm.attendeesHint', { count: space.capacity })}
        error={message('attendees')}
      >
        {(c) => (
          <input
            {...c}
            type="number"
            inputMode="numeric"
            min={1}
            max={space.capacity}
            step={1}
            {...register('attendees', { valueAsNumber: true })}
          />
        )}
      </Field>
    </Modal>
  );
}
