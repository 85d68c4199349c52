import { ActionButton } from './ActionButton';
import { ChoiceSelect } from './ChoiceSelect';
import { ROLE_CHOICES, withCurrent } from './choices';
import type { PanelModel } from './model';
import { useIntervene } from './model';

type UserFacts = PanelModel['users'][number];

/** What an admin (or the user) can do to an account: revoke, ban, new password, new role. */
export function AccountRow({ user }: { user: UserFacts }) {
  const intervene = useIntervene();
  const { id } = user;
  return (
    <div className="iv-row" role="group" aria-label={`Account ${id}`}>
      <ActionButton action={{ type: 'logoutEverywhere', userId: id }} label={`Log out everywhere for ${id}`}>
        Log out everywhere
      </ActionButton>
      <ActionButton action={{ type: 'changePassword', userId: id }} label={`Change password for ${id}`}>
        Change password
      </ActionButton>
      <ActionButton action={{ type: 'banUser', userId: id }} label={`Ban ${id}`} tone="danger" reason={user.banned ? `${id} is already banned` : null}>
        Ban
      </ActionButton>
      <ChoiceSelect
        label="Role"
        ariaLabel={`Role of ${id}`}
        value={user.role}
        choices={withCurrent(ROLE_CHOICES, user.role)}
        onPick={(role) => intervene({ type: 'changeRole', userId: id, role })}
      />
    </div>
  );
}
