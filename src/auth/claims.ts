// The claims of an access token: the one claims type of the code base (what is signed, what a
// verified token yields, what a request remembers). Times are in seconds, like every JWT.
export interface AccessClaims {
  sub: string;
  role: string;
  jti: string;
  iat: number;
  exp: number;
  nbf?: number;
  iss: string;
  aud: string;
  /** Profile claims the user's record adds (the token-size lesson). */
  [extra: string]: unknown;
}
