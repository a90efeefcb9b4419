import { useTranslation } from 'react-i18next';
import type { Member } from '../api/members';

export function MembersTable({ members }: { members: Member[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{t('members.caption', { count: members.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('members.columns.name')}</th>
            <th scope="col">{t('members.columns.email')}</th>
            <th scope="col">{t('members.columns.role')}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id}>
              <th scope="row">{m.displayName}</th>
              <td>{m.email}</td>
              <td>
                <span className={`status ${m.role === 'org_admin' ? 'status--confirmed' : ''}`}>
                  {t(`roles.${m.role}`)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
