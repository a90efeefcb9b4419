import '../styles/staff.css';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../features/auth/api/get-me';
import { worksOf, type Work } from './work-home';

/** For people with several roles: the way to their other daily work, from the one they landed on. */
export function OtherWork({ current }: { current: Work['key'] }) {
  const { t } = useTranslation();
  const others = worksOf(useMe().data).filter((w) => w.key !== current);
  if (others.length === 0) return null;
  return (
    <nav className="other-work" aria-label={t('work.others')}>
      <span className="muted">{t('work.others')} :</span>
      <ul className="plain-list other-work__list">
        {others.map((w) => (
          <li key={w.key}>
            <Link to={w.path}>{t(`work.${w.key}`)}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
