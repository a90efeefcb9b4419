import { useTranslation } from 'react-i18next';
import { useMe } from '../../features/auth/api/get-me';
import { useMembers } from '../../features/organisations/api/members';
import { InviteMemberForm } from '../../features/organisations/components/invite-member-form';
import { MembersTable } from '../../features/organisations/components/members-table';
import { usePageTitle } from '../../hooks/use-page-title';
import { errorMessage } from '../../lib/error-message';

export function MembersPage() {
  const { t } = useTranslation();
  usePageTitle(t('members.title'));
  const me = useMe();
  const organisation = me.data?.organisation;
  const members = useMembers(organisation?.id);

  return (
    <div className="page">
      <p className="eyebrow">{organisation?.name}</p>
      <h1>{t('members.title')}</h1>
      <p className="lead">{t('members.intro')}</p>

      <section className="panel" aria-labelledby="invite-title">
        <h2 id="invite-title">{t('members.inviteTitle')}</h2>
        {organisation && <InviteMemberForm organisationId={organisation.id} />}
      </section>

      {members.isPending && organisation && <p role="status">{t('common.loading')}</p>}
      {members.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(members.error, t)}
        </p>
      )}
      {members.data && <MembersTable members={members.data.items} />}
    </div>
  );
}
