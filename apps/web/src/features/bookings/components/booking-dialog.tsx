import { useEffect, useMemo, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { Booking, CreateSeriesResponse, Space } from '@lieux/contracts';
import { Field } from '../../../components/field';
import { Modal } from '../../../components/modal';
import { useDayAvailability } from '../../../api/availability';
import { addDays, isIsoDate } from '../../../lib/day-availability';
import { toWallClock, todayIn } from '../../../lib/wall-clock';
import { currentLanguage } from '../../../lib/i18n';
import { useSubmitBooking } from '../hooks/use-submit-booking';
import { BookingRefusal } from './booking-refusal';
import { BookingSummary } from './booking-summary';
import { QuotaLeft } from './quota-left';
import { SlotCheck } from './slot-check';
import { NO_RECURRENCE, RecurrenceEditor, recurrenceRule, type Recurrence } from './recurrence-editor';
import { bookingFormSchema, periodOf, toBookingRequest, type BookingFormValues } from './booking-form-schema';

export interface BookingDialogProps {
  space: Space;
  /** Wall-clock date and times in the site's zone, prefilled after a drag on the calendar. */
  initial: Partial<Pick<BookingFormValues, 'date' | 'startTime' | 'endTime'>>;
  onClose: () => void;
  onBooked: (booking: Booking) => void;
  /** Someone else took the slot meanwhile (409 SLOT_TAKEN). */
  onConflict: () => void;
  /** The typed slot is taken: join its waiting list instead (this dialog closes). */
  onWaitlist?: (
    slot: Pick<BookingFormValues, 'date' | 'startTime' | 'endTime' | 'title'> & { attendees?: number },
  ) => void;
  /** A series was made: each date booked or refused, with the reason. */
  onSeriesCreated?: (result: CreateSeriesResponse) => void;
  /** The organisation's running projects: the booking (or series) may be linked to one in one choice. */
  projects?: readonly { id: string; title: string }[];
}

/** The booking form in a modal dialog: same form whether the slot was dragged or typed. */
export function BookingDialog({
  space,
  initial,
  onClose,
  onBooked,
  onConflict,
  onWaitlist,
  onSeriesCreated,
  projects = [],
}: BookingDialogProps) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const timeZone = space.site.timeZone;

  const [date, setDate] = useState(initial.date ?? todayIn(timeZone));
  // Only a day that may be booked is asked for: not the years a date typed digit by digit goes through.
  const today = todayIn(timeZone);
  const bookable =
    isIsoDate(date) && date >= today && date <= addDays(today, space.policy.horizonDays) ? date : null;
  const dayAvailability = useDayAvailability(space.id, bookable, timeZone);
  const day = dayAvailability.day;
  const schema = useMemo(() => bookingFormSchema({ space, day }, t), [space, day, t]);
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    setValue,
    getValues,
    control,
    formState: { errors, isSubmitted },
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

  const [watchedDate, startTime, endTime] = useWatch({ control, name: ['date', 'startTime', 'endTime'] });
  // The day asked for follows the date field (kept in state so the query's key is stable).
  useEffect(() => setDate(watchedDate), [watchedDate]);
  const period = useMemo(
    () => periodOf({ date: watchedDate, startTime, endTime }, space),
    [watchedDate, startTime, endTime, space],
  );
  const [recurrence, setRecurrence] = useState<Recurrence>(NO_RECURRENCE);
  const [projectId, setProjectId] = useState('');
  const rule = useMemo(
    () => (recurrence.enabled ? recurrenceRule(recurrence, period, timeZone, lang) : null),
    [recurrence, period, timeZone, lang],
  );
  const rrule = rule && 'rrule' in rule ? rule.rrule : null;

  const onSubmit = handleSubmit((values) => {
    if (recurrence.enabled && !rrule) return;
    const request = toBookingRequest(values, space);
    submit(projectId ? { ...request, projectId } : request, recurrence.enabled ? rrule : null);
  });

  // "Now" moves with each availability answer, not on every render.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => setNow(Date.now()), [day]);
  /** A free period chosen: its start, and the typed duration when it fits (the most allowed otherwise). */
  const pickFree = (free: { start: number; end: number }) => {
    const typed = period ? period.end - period.start : 0;
    const longest = Math.min(free.end - free.start, space.policy.maxDurationMinutes * 60_000);
    const length = typed > 0 && typed <= longest ? typed : longest;
    const options = { shouldValidate: isSubmitted, shouldDirty: true };
    setValue('startTime', toWallClock(free.start, timeZone).time, options);
    setValue('endTime', toWallClock(free.start + length, timeZone).time, options);
  };
  const waitlist = onWaitlist
    ? () => {
        const values = getValues();
        settle();
        onWaitlist({
          date: values.date,
          startTime: values.startTime,
          endTime: values.endTime,
          title: values.title,
          attendees: Number.isFinite(values.attendees) ? values.attendees : undefined,
        });
      }
    : undefined;

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

      {bookable !== null && bookable === watchedDate && (
        <SlotCheck
          space={space}
          day={day}
          status={dayAvailability.status}
          period={period}
          now={now}
          onPick={pickFree}
          onWaitlist={recurrence.enabled ? undefined : waitlist}
        />
      )}

      {period && <BookingSummary space={space} period={period} />}
      <QuotaLeft spaceId={space.id} start={period?.start ?? null} />

      <RecurrenceEditor
        value={recurrence}
        onChange={setRecurrence}
        rule={rule}
        minDate={watchedDate || todayIn(timeZone)}
        firstWeekday={
          isIsoDate(watchedDate) ? new Date(`${watchedDate}T12:00:00Z`).getUTCDay() || 7 : undefined
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

      {projects.length > 0 && (
        <Field className="field--medium" label={t('projectLink.label')} hint={t('projectLink.hint')}>
          {(c) => (
            <select {...c} value={projectId} onChange={(e) => setProjectId(e.target.value)}>
              <option value="">{t('projectLink.none')}</option>
              {projects.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
    </Modal>
  );
}
