import { useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Temporal } from 'temporal-polyfill';
import type { Booking, ChangeBookingRequest } from '@lieux/contracts';
import {
  changeRefusal,
  formatDate,
  formatTimeRange,
  subtract,
  type Actor,
  type Period,
} from '@lieux/scheduling';
import { useAvailability } from '../../../api/availability';
import { Field } from '../../../components/field';
import { Modal } from '../../../components/modal';
import { ApiError } from '../../../lib/api-client';
import { errorMessage, fieldMessage } from '../../../lib/error-message';
import { currentLanguage } from '../../../lib/i18n';
import { fromWallClock, todayIn, toWallClock } from '../../../lib/wall-clock';
import { useBookedSpace, useChangeBooking } from '../api/change-booking';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const MINUTE = 60_000;

/** Whether the organisation (or the site's manager, with a reason) may still change it, as the API decides. */
export const changeable = (b: Booking, now = Date.now(), actor: Actor = 'owner') =>
  changeRefusal({
    status: b.status,
    start: Date.parse(b.start),
    end: Date.parse(b.end),
    now,
    actor,
    reason: 'x',
  }) === null;

const overlaps = (a: Period, b: Period) => a.start < b.end && b.start < a.end;

type Errors = Partial<Record<'date' | 'startTime' | 'endTime' | 'attendees' | 'reason' | 'form', string>>;

/**
 * Moves a booking to another time or day of its space and/or changes its number of people. The free
 * periods of the chosen day are shown (the booking's own slot counted free), so a taken slot is said to
 * be taken before anything is sent; the API's 409 and 422 are said in words. A manager gives a reason,
 * which the organisation receives.
 */
export function ChangeBookingDialog({
  booking,
  asManager = false,
  onDone,
  onClose,
}: {
  booking: Booking;
  asManager?: boolean;
  onDone: (after: Booking) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const zone = booking.timeZone;
  const from = toWallClock(booking.start, zone);
  const [date, setDate] = useState(from.date);
  const [startTime, setStartTime] = useState(from.time);
  const [endTime, setEndTime] = useState(toWallClock(booking.end, zone).time);
  const [attendees, setAttendees] = useState(String(booking.attendees));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});

  const space = useBookedSpace(booking.spaceId);
  const policy = space.data?.policy;
  const capacity = space.data?.capacity;

  const day = useMemo(() => {
    if (!DATE.test(date)) return null;
    const next = Temporal.PlainDate.from(date).add({ days: 1 }).toString();
    return { from: fromWallClock(date, '00:00', zone), to: fromWallClock(next, '00:00', zone) };
  }, [date, zone]);
  const availability = useAvailability(booking.spaceId, day);

  /** The booking's own slot, buffers included: free for its own move. */
  const own: Period = {
    start: Date.parse(booking.start) - (policy?.bufferBeforeMinutes ?? 0) * MINUTE,
    end: Date.parse(booking.end) + (policy?.bufferAfterMinutes ?? 0) * MINUTE,
  };
  const known = availability.data && !availability.isPlaceholderData ? availability.data : null;
  const toPeriod = (i: { start: string; end: string }) => ({
    start: Date.parse(i.start),
    end: Date.parse(i.end),
  });
  const open = known ? known.open.map(toPeriod) : null;
  const busy = known ? subtract(known.busy.map(toPeriod), [own]) : null;
  const free = open && busy ? subtract(open, busy) : null;

  const period: Period | null =
    DATE.test(date) && TIME.test(startTime) && TIME.test(endTime)
      ? {
          start: Date.parse(fromWallClock(date, startTime, zone)),
          end: Date.parse(fromWallClock(date, endTime, zone)),
        }
      : null;

  const change = useChangeBooking({
    onSuccess: onDone,
    onError: (e) => {
      const reasonError = fieldMessage(e, 'body.reason');
      if (reasonError) return setErrors({ reason: reasonError });
      const code = e instanceof ApiError ? e.code : 'UNKNOWN';
      setErrors({ form: t(`bookingChange.errors.${code}`, { defaultValue: errorMessage(e, t) }) });
    },
  });

  const validate = (): { body: ChangeBookingRequest } | Errors => {
    const found: Errors = {};
    if (!DATE.test(date)) found.date = t('bookingForm.errors.date');
    if (!TIME.test(startTime)) found.startTime = t('bookingForm.errors.time');
    if (!TIME.test(endTime)) found.endTime = t('bookingForm.errors.time');
    else if (period && period.end <= period.start) found.endTime = t('bookingChange.errors.endAfterStart');
    const people = Number(attendees);
    if (!Number.isInteger(people) || people < 1) found.attendees = t('bookingChange.errors.attendees');
    else if (capacity !== undefined && people > capacity)
      found.attendees = t('bookingChange.errors.capacity', { count: capacity });
    if (asManager && reason.trim().length < 3) found.reason = t('bookingChange.errors.reason');
    if (Object.keys(found).length > 0 || !period) return found;
    const moved = period.start !== Date.parse(booking.start) || period.end !== Date.parse(booking.end);
    if (!moved && people === booking.attendees) return { form: t('bookingChange.errors.nothing') };
    if (moved && busy && open) {
      const blocked = {
        start: period.start - (policy?.bufferBeforeMinutes ?? 0) * MINUTE,
        end: period.end + (policy?.bufferAfterMinutes ?? 0) * MINUTE,
      };
      if (busy.some((b) => overlaps(b, blocked))) return { startTime: t('bookingChange.errors.taken') };
      if (!open.some((o) => o.start <= period.start && period.end <= o.end))
        return { startTime: t('bookingChange.errors.closed') };
    }
    return {
      body: {
        ...(moved
          ? { start: fromWallClock(date, startTime, zone), end: fromWallClock(date, endTime, zone) }
          : {}),
        ...(people !== booking.attendees ? { attendees: people } : {}),
        ...(asManager ? { reason: reason.trim() } : {}),
      },
    };
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const checked = validate();
    if ('body' in checked) {
      setErrors({});
      change.mutate({ id: booking.id, body: checked.body });
    } else setErrors(checked);
  };

  const edited =
    (set: (v: string) => void) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      set(e.target.value);
      setErrors({});
    };

  return (
    <Modal
      title={
        asManager
          ? t('bookingChange.titleManager', { title: booking.title, organisation: booking.organisationName })
          : t('bookingChange.title', { title: booking.title })
      }
      description={
        <p className="dialog__intro">
          {t('bookingChange.now', {
            space: booking.spaceName,
            site: booking.siteName,
            date: formatDate(booking.start, zone, lang),
            time: formatTimeRange(booking.start, booking.end, zone, lang),
            count: booking.attendees,
          })}
        </p>
      }
      closeButton
      busy={change.isPending}
      cancelLabel={t('bookingChange.keep')}
      onSubmit={submit}
      onClose={onClose}
      actions={
        <button type="submit" className="button button--primary" disabled={change.isPending}>
          {change.isPending
            ? t('bookingChange.submitting')
            : t(asManager ? 'bookingChange.submitManager' : 'bookingChange.submit')}
        </button>
      }
    >
      {errors.form && (
        <p className="alert alert--error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="form__row">
        <Field label={t('bookingForm.date')} error={errors.date}>
          {(c) => <input {...c} type="date" min={todayIn(zone)} value={date} onChange={edited(setDate)} />}
        </Field>
        <Field label={t('bookingForm.start')} error={errors.startTime}>
          {(c) => (
            <input
              {...c}
              type="time"
              step={(policy?.slotStepMinutes ?? 15) * 60}
              value={startTime}
              onChange={edited(setStartTime)}
            />
          )}
        </Field>
        <Field label={t('bookingForm.end')} error={errors.endTime}>
          {(c) => (
            <input
              {...c}
              type="time"
              step={(policy?.slotStepMinutes ?? 15) * 60}
              value={endTime}
              onChange={edited(setEndTime)}
            />
          )}
        </Field>
      </div>
      <div aria-live="polite">
        {availability.isError ? (
          <p className="muted">{t('bookingChange.free.unknown')}</p>
        ) : !free || !open ? (
          DATE.test(date) && <p className="muted">{t('bookingChange.free.loading')}</p>
        ) : open.length === 0 ? (
          <p>{t('bookingChange.free.closed')}</p>
        ) : free.length === 0 ? (
          <p>{t('bookingChange.free.none')}</p>
        ) : (
          <p>
            {t('bookingChange.free.label')}{' '}
            {free.map((p) => formatTimeRange(p.start, p.end, zone, lang)).join(' · ')}
          </p>
        )}
      </div>
      <Field
        className="field--narrow"
        label={t('bookingForm.attendees')}
        hint={capacity !== undefined ? t('bookingForm.attendeesHint', { count: capacity }) : undefined}
        error={errors.attendees}
      >
        {(c) => (
          <input
            {...c}
            type="number"
            inputMode="numeric"
            min={1}
            max={capacity}
            step={1}
            value={attendees}
            onChange={edited(setAttendees)}
          />
        )}
      </Field>
      {asManager && (
        <Field label={t('bookingChange.reason')} hint={t('bookingChange.reasonHint')} error={errors.reason}>
          {(c) => <textarea {...c} rows={3} maxLength={500} value={reason} onChange={edited(setReason)} />}
        </Field>
      )}
      {!asManager && booking.status === 'confirmed' && space.data?.policy.approvalRequired && (
        <p className="alert alert--warning" role="note">
          {t('bookingChange.approval')}
        </p>
      )}
    </Modal>
  );
}

/** What the page announces once a booking is changed, in the site's zone. */
export function changedNotice(after: Booking, t: TFunction, asManager = false): string {
  const lang = currentLanguage();
  const words = {
    title: after.title,
    organisation: after.organisationName,
    date: formatDate(after.start, after.timeZone, lang),
    time: formatTimeRange(after.start, after.end, after.timeZone, lang),
    count: after.attendees,
  };
  if (asManager) return t('bookingChange.doneManager', words);
  return t(after.status === 'pending' ? 'bookingChange.donePending' : 'bookingChange.done', words);
}
