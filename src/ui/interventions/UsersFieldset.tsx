import { useId } from 'react';
import { AccountRow } from './AccountRow';
import { BrowserRow } from './BrowserRow';
import type { PanelModel } from './model';

type Browser = PanelModel['clients'][number];

function UserCard({ user, browsers }: { user: PanelModel['users'][number]; browsers: Browser[] }) {
  const nameId = useId();
  return (
    <div className="iv-card" role="group" aria-labelledby={nameId}>
      <div className="iv-card-head">
        <span id={nameId} className="iv-name">
          {user.id}
        </span>
        <span className="iv-tag">{user.role}</span>
        {user.banned && <span className="iv-tag iv-tag-bad">banned</span>}
      </div>
      {browsers.map((c) => (
        <BrowserRow key={c.id} clientId={c.id} title={browsers.length === 1 && c.id === user.id ? 'Browser' : c.id} />
      ))}
      <AccountRow user={user} />
    </div>
  );
}

/** Every user with their browsers; browsers of a user the world does not know get their own rows. */
export function UsersFieldset({ model }: { model: PanelModel }) {
  const browsers = model.clients.filter((c) => c.kind === 'browser');
  const known = new Set(model.users.map((u) => u.id));
  const orphans = browsers.filter((c) => !known.has(c.userId));
  return (
    <fieldset className="iv-group">
      <legend>Users</legend>
      {model.users.map((u) => (
        <UserCard key={u.id} user={u} browsers={browsers.filter((c) => c.userId === u.id)} />
      ))}
      {orphans.map((c) => (
        <BrowserRow key={c.id} clientId={c.id} title={c.id} />
      ))}
      {model.users.length === 0 && browsers.length === 0 && <p className="iv-note">This run has no users.</p>}
    </fieldset>
  );
}
