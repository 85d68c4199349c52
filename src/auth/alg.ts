// The signing algorithms the simulator's servers can use (a leaf: src/auth and src/sim both read it).
export type Alg = 'HS256' | 'ES256' | 'EdDSA';

export const ALGS: readonly Alg[] = ['HS256', 'EdDSA', 'ES256'];
