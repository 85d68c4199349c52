// The cookies the cluster sets: a leaf, so the UI can name them without loading the engine.
export const SESSION_COOKIE = '__Host-sid';
export const JWT_COOKIE = '__Host-jwt';
export const REFRESH_COOKIE = '__Host-refresh';
/** Set by a sticky balancer; it pins a browser to a server and carries no authority. */
export const AFFINITY_COOKIE = 'lb_affinity';
