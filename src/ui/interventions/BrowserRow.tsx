import { ActionButton } from './ActionButton';

/** One browser: log in, send an API request, log out. */
export function BrowserRow({ clientId, title }: { clientId: string; title: string }) {
  return (
    <div className="iv-row" role="group" aria-label={`Browser ${clientId}`}>
      <span className="iv-sub">{title}</span>
      <ActionButton action={{ type: 'login', clientId }} label={`Log in ${clientId}`}>
        Log in
      </ActionButton>
      <ActionButton action={{ type: 'request', clientId }} label={`Request from ${clientId}`}>
        Request
      </ActionButton>
      <ActionButton action={{ type: 'logout', clientId }} label={`Log out ${clientId}`}>
        Log out
      </ActionButton>
    </div>
  );
}
