import { useTranslation } from 'react-i18next';

const KINDS = ['free', 'busy', 'mine', 'closed', 'past'] as const;

/** What the colours of the space's calendar mean; a visitor has no bookings of their own to see. */
export function CalendarLegend({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation();
  return (
    <ul className="legend" aria-label={t('space.legend.title')}>
      {KINDS.filter((kind) => signedIn || kind !== 'mine').map((kind) => (
        <li key={kind}>
          <span className={`legend__swatch legend__swatch--${kind}`} aria-hidden="true" />
          {t(`space.legend.${kind}`)}
        </li>
      ))}
    </ul>
  );
}
