import type { UseFormSetError } from 'react-hook-form';
import type { Booking, CreateBookingRequest, CreateSeriesResponse } from '@lieux/contracts';
import { ApiError } from '../../../lib/api-client';
import { uuid } from '../../../lib/uuid';
import { useCreateBooking } from '../api/create-booking';
import { useCreateSeries } from '../api/create-series';
import { FIELD_OF, type BookingFormValues } from '../components/booking-form-schema';

/** Where a 400's path shows in the form; a series names its first period `firstStart`/`firstEnd`. */
const fieldOf = (path: string) =>
  FIELD_OF[path.replace(/^body\./, '').replace(/^first(Start|End)$/, (_m, x: string) => x.toLowerCase())];

/**
 * Sends the booking form: one booking, or a series when there is a rule, each under a fresh
 * Idempotency-Key. The API's field errors go back to their fields; a taken slot is the caller's
 * (`onConflict`); any other refusal is `error`, with the refused dates of a series in `details`.
 */
export function useSubmitBooking({
  setError,
  onBooked,
  onConflict,
  onSeriesCreated,
}: {
  setError: UseFormSetError<BookingFormValues>;
  onBooked: (booking: Booking) => void;
  onConflict: () => void;
  onSeriesCreated: (result: CreateSeriesResponse) => void;
}) {
  const fieldErrors = (error: Error) => {
    if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return;
    for (const e of error.errors) {
      const field = fieldOf(e.path);
      if (field) setError(field, { type: 'server', message: e.message });
    }
  };
  const isSlotTaken = (error: Error | null) => error instanceof ApiError && error.code === 'SLOT_TAKEN';

  const booking = useCreateBooking({
    onSuccess: onBooked,
    onError: (error) => (isSlotTaken(error) ? onConflict() : fieldErrors(error)),
  });
  const series = useCreateSeries({ onSuccess: onSeriesCreated, onError: fieldErrors });

  /** `projectId`: the project chosen in the dialog, linked at booking time. */
  const submit = (request: CreateBookingRequest, rrule: string | null) => {
    if (rrule === null) {
      booking.mutate({ request, idempotencyKey: uuid() });
      return;
    }
    series.mutate({
      request: {
        spaceId: request.spaceId,
        firstStart: request.start,
        firstEnd: request.end,
        rrule,
        title: request.title,
        attendees: request.attendees,
        // The project chosen in the dialog links the whole series.
        ...(request.projectId ? { projectId: request.projectId } : {}),
      },
      idempotencyKey: uuid(),
    });
  };

  const error = series.isError
    ? series.error
    : booking.isError && !isSlotTaken(booking.error)
      ? booking.error
      : null;
  const details =
    series.error instanceof ApiError && series.error.errors.some((e) => e.path.startsWith('occurrences'))
      ? series.error.errors.map((e) => e.message)
      : [];
  return { submit, pending: booking.isPending || series.isPending, error, details };
}
