// Reason codes are a public contract (DESIGN.md): add new ones, never rename.
export const REASON_CODES = [
  'ok',
  'no_credentials',
  'session_unknown',
  'session_expired',
  'store_unavailable',
  'signature_invalid',
  'token_expired',
  'token_not_yet_valid',
  'token_revoked',
  'kid_unknown',
  'alg_not_allowed',
  'malformed_token',
  'server_down',
  'refresh_reused',
  'claim_invalid',
  'refresh_invalid',
  'user_banned',
  'timeout',
  'header_too_large',
  'overloaded',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

const DESCRIPTIONS: Record<ReasonCode, string> = {
  ok: 'accepted',
  no_credentials: 'the request carried no cookie or token',
  session_unknown: 'no session with this id exists',
  session_expired: 'the session timed out',
  store_unavailable: 'the shared store could not be reached (to look up a session or check the denylist)',
  signature_invalid: 'the signature does not match the token',
  token_expired: 'the token is past its exp time',
  token_not_yet_valid: 'the token is not valid yet (nbf or iat in the future)',
  token_revoked: 'the denylist refuses the token (its id, or every token of its user issued before a cut-off)',
  kid_unknown: 'no known key has this kid',
  alg_not_allowed: 'the token uses an algorithm the server does not allow',
  malformed_token: 'the token is not a well-formed JWT',
  server_down: 'no app server was up to take the request',
  refresh_reused: 'an already used refresh token came back: the whole family is revoked',
  claim_invalid: 'the issuer or audience is wrong',
  refresh_invalid: 'the refresh token is unknown, expired or revoked',
  user_banned: 'the user is banned',
  timeout: 'no response arrived in time',
  header_too_large: 'the request\'s headers are larger than the server accepts',
  overloaded: 'the session store\'s queue was full, so it turned the query away',
};

export function describeReason(code: ReasonCode): string {
  return DESCRIPTIONS[code];
}

/** HTTP status a server answers with for each reason (timeouts have none). */
export function statusFor(code: ReasonCode): number {
  switch (code) {
    case 'ok':
      return 200;
    case 'store_unavailable':
    case 'server_down':
    case 'overloaded':
      return 503;
    case 'user_banned':
      return 403;
    case 'header_too_large':
      return 431;
    case 'timeout':
      return 0;
    default:
      return 401;
  }
}
