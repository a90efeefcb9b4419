import '../../../lib/zod';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateProjectReportRequest } from '@lieux/contracts';
import { Field } from '../../../components/field';
import { Modal } from '../../../components/modal';
import { errorMessage } from '../../../lib/error-message';
import { useCreateProjectReport } from '../api/projects';
import { EMPTY_REPORT, toReportRequest, type ReportFormValues } from './project-values';

const FIGURES = ['peopleReached', 'volunteers', 'actions'] as const;

/**
 * A light report: two or three figures and one sentence, all optional but not all empty. After a booking
 * (`bookingId`), or on the project as a whole.
 */
export function ReportDialog({
  projectId,
  projectTitle,
  bookingId,
  bookingTitle,
  onClose,
  onDone,
}: {
  projectId: string;
  projectTitle: string;
  bookingId?: string;
  /** The booking it follows, named in the dialog's intro. */
  bookingTitle?: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [values, setValues] = useState<ReportFormValues>(EMPTY_REPORT);
  const [errors, setErrors] = useState<Partial<Record<keyof ReportFormValues | 'form', string>>>({});
  const done = useRef(false);
  const mutation = useCreateProjectReport(() => {
    done.current = true;
    dialogRef.current?.close();
    onDone();
  });
  const set = (key: keyof ReportFormValues, value: string) => setValues((v) => ({ ...v, [key]: value }));

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = CreateProjectReportRequest.safeParse(toReportRequest(values, bookingId));
    if (!parsed.success) {
      const next: typeof errors = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '');
        const field = (FIGURES as readonly string[]).includes(key) || key === 'sentence' ? key : 'form';
        next[field as keyof typeof next] ??=
          field === 'form' ? t('projects.report.errors.empty') : t('projects.report.errors.figure');
        if (field === 'sentence') next.sentence = issue.message;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    mutation.mutate({ projectId, body: parsed.data });
  };

  return (
    <Modal
      ref={dialogRef}
      title={t('projects.report.title', { project: projectTitle })}
      description={
        <p className="dialog__intro">
          {bookingTitle
            ? t('projects.report.introBooking', { booking: bookingTitle })
            : t('projects.report.intro')}
        </p>
      }
      closeButton
      busy={mutation.isPending}
      onSubmit={submit}
      onClose={() => {
        if (!done.current) onClose();
      }}
      actions={
        <button type="submit" className="button button--primary" disabled={mutation.isPending}>
          {mutation.isPending ? t('projects.report.sending') : t('projects.report.submit')}
        </button>
      }
    >
      {(errors.form || mutation.isError) && (
        <p className="alert alert--error" role="alert">
          {errors.form ?? errorMessage(mutation.error, t)}
        </p>
      )}
      <div className="form__row">
        {FIGURES.map((key) => (
          <Field key={key} className="field--narrow" label={t(`projects.report.${key}`)} error={errors[key]}>
            {(c) => (
              <input
                {...c}
                type="number"
                inputMode="numeric"
                min={0}
                step={1}
                value={values[key]}
                onChange={(e) => set(key, e.target.value)}
              />
            )}
          </Field>
        ))}
      </div>
      <Field
        label={t('projects.report.sentence')}
        hint={t('projects.report.sentenceHint')}
        error={errors.sentence}
      >
        {(c) => (
          <textarea
            {...c}
            rows={3}
            maxLength={500}
            value={values.sentence}
            onChange={(e) => set('sentence', e.target.value)}
          />
        )}
      </Field>
    </Modal>
  );
}
