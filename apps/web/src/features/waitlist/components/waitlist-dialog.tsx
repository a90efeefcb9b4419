import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Space, WaitlistEntry } from '@lieux/contracts';
import { Field } from '../../../components/field';
import { Modal } from '../../../components/modal';
import { ApiError } from '../../../lib/api-client';
import { errorMessage } from '../../../lib/error-message';
import { fromWallClock } from '../../../lib/wall-clock';
import { useJoinWaitlist } from '../api/waitlist';

/** Queue for a busy slot: the times of the busy block, editable, and what it is for. */
export function WaitlistDialog({
  space,
  initial,
  onClose,
  onJoined,
}: {
  space: Space;
  /** The slot, and its subject and headcount when the booking form already had them. */
  initial: { date: string; startTime: string; endTime: string; title?: string; attendees?: number };
  onClose: () => void;
  onJoined: (entry: WaitlistEntry) => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState({
    date: initial.date,
    startTime: initial.startTime,
    endTime: initial.endTime,
    title: initial.title ?? '',
    attendees: initial.attendees === undefined ? '' : String(initial.attendees),
  });
  const join = useJoinWaitlist({ onSuccess: onJoined });
  const tz = space.site.timeZone;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    join.mutate({
      spaceId: space.id,
      start: fromWallClock(values.date, values.startTime, tz),
      end: fromWallClock(values.date, values.endTime, tz),
      title: values.title.trim(),
      attendees: Number(values.attendees),
    });
  };
  const field = (name: keyof typeof values, type: string, label: string, extra: object = {}) => (
    <Field label={label}>
      {(control) => (
        <input
          {...control}
          type={type}
          value={values[name]}
          onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
          required
          {...extra}
        />
      )}
    </Field>
  );

  return (
    <Modal
      title={t('waitlist.joinTitle', { space: space.name })}
      onSubmit={submit}
      onClose={onClose}
      actions={
        <button type="submit" className="button button--primary" disabled={join.isPending}>
          {t('waitlist.join')}
        </button>
      }
    >
      <p className="dialog__intro">{t('waitlist.joinIntro')}</p>
      {join.isError && (
        <div className="alert alert--error" role="alert">
          <p>
            {join.error instanceof ApiError && join.error.code === 'SLOT_FREE'
              ? t('waitlist.slotFree')
              : errorMessage(join.error, t)}
          </p>
        </div>
      )}
      <div className="form__row">
        {field('date', 'date', t('bookingForm.date'))}
        {field('startTime', 'time', t('bookingForm.start'), { step: space.policy.slotStepMinutes * 60 })}
        {field('endTime', 'time', t('bookingForm.end'), { step: space.policy.slotStepMinutes * 60 })}
      </div>
      {field('title', 'text', t('bookingForm.subject'), { maxLength: 120 })}
      {field('attendees', 'number', t('bookingForm.attendees'), { min: 1, max: space.capacity })}
    </Modal>
  );
}
