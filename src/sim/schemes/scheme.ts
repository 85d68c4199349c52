// The seam between the cluster and an auth model. The app server routes (login, refresh, API
// call, logout) and answers; the model issues, checks and revokes its credential. The browser, the
// actions and the start of a run ask the model too, so a model lives in one file of this folder.
import type { Client, ForgeHow, RequestRecord, SimState, StoreResult, User, VerifyOutcome, AppServer } from '../types';
import type { Tick } from '../world';

/** One request a server is working on. */
export interface Handling {
  t: Tick;
  server: AppServer;
  req: RequestRecord;
  /** The credential is good: the server does what the request asked (answers, or logs out). */
  authorized: () => void;
}

/** What a browser put in a request, as a reader of the raw request would see it. */
export interface Sent {
  hasCookie(name: string): boolean;
  bearer: boolean;
}

export interface AuthScheme {
  /** Whether a request carries this model's credential. */
  carries(sent: Sent): boolean;
  /** Set-up at the start of a run (the JWT world asks for its first signing key). */
  start?(t: Tick): void;
  /** What a server joining the cluster has of this model's state, after "server-4 joins the cluster" ("with empty memory" meant nothing beside a shared store). */
  joining(s: SimState): string;
  /** Checks the credential of an API call or a logout; ends in `h.authorized()` or a rejection. */
  authenticate(h: Handling): void;
  /** Logs a known, unbanned user in: issues the credential and answers. */
  issue(h: Handling, userId: string): void;
  /** Trades a refresh token for a new credential; absent when the model has none. */
  refresh?(h: Handling): void;
  /** Ends the credential an authenticated logout came with, and answers. */
  revoke(h: Handling): void;
  /** A store reply for work this model started. */
  onStoreReply(h: Handling, result: StoreResult): void;
  /** The key set's answer to a fetch this model made. */
  onKeySetReply?(h: Handling, kids: string[]): void;
  /** Crypto results from the driver, for work this model asked for. */
  onSigned?(h: Handling, token: string): void;
  onVerified?(h: Handling, outcome: VerifyOutcome): void;
  /** The role the server acts on once the request is authenticated (`user`: the subject's record now, found once by the server). */
  roleFor(req: RequestRecord, user: User | undefined): string;
  /** How the accepting server names the credential it accepted (`credentialId`: the request's) in the log: "session 3fA9…", "the JWT". */
  named(credentialId: string | null): string;
  /** An admin revokes every credential of a user (ban, new password, log out everywhere) and the log says what that achieved. */
  revokeUser(s: SimState, userId: string, what: string): void;
  /** A new signing key (a rotation or a new algorithm); absent when the model signs nothing. */
  rotateKey?(t: Tick): string;
  /** A user edits the credential the client holds (devtools); absent when the model holds nothing to edit. */
  forge?(s: SimState, client: Client, how: Exclude<ForgeHow, 'guess-session'>): void;
}
