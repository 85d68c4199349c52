// The few words each node shows at a glance, read from a snapshot. Pure, so tests can read them.
import type { WorldSnapshot } from '../../store/snapshot';
import { shortId } from '../../sim/world';
import { MAX_CLIENT_NODES } from './layout';
import { JWT_COOKIE, SESSION_COOKIE } from '../../sim/nodes/browser';

export interface NodeStatus {
  title: string;
  lines: string[];
  down: boolean;
  /** A check that just happened on this node: the hologram flash (signature) or a lookup. */
  flash: { ok: boolean; text: string } | null;
}

const FLASH_MS = 120;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function nodeStatus(world: WorldSnapshot, id: string): NodeStatus {
  if (id === 'crowd') {
    const browsers = world.clients.filter((c) => c.kind === 'browser').length;
    const attackers = world.clients.length - browsers;
    const folded = browsers - Math.max(1, MAX_CLIENT_NODES - 1 - attackers);
    return { title: `${folded} more browsers`, lines: ['drawn as one node'], down: false, flash: null };
  }
  if (id === 'lb') return { title: 'Load balancer', lines: [world.options.lbPolicy], down: false, flash: null };
  if (id === 'store') return storeStatus(world);
  if (id === 'jwks') {
    const kids = world.keys.keys.filter((k) => k.ready).map((k) => (k.kid === world.keys.activeKid ? `${k.kid}*` : k.kid));
    return { title: 'Key set (JWKS)', lines: [`${world.options.alg} keys: ${kids.join(' ') || 'none yet'}`, world.options.alg === 'HS256' ? 'shared secret' : 'public keys'], down: false, flash: null };
  }
  const server = world.servers.find((s) => s.id === id);
  if (server) {
    const lines: string[] = [];
    if (world.mode === 'session' && world.options.sessionStorage === 'local') lines.push(`${plural(Object.keys(server.localSessions).length, 'session')} in memory`);
    if (world.mode === 'jwt') lines.push(`keys: ${server.jwksCache.kids.join(' ') || 'none cached'}`);
    lines.push(`${server.inFlight} in flight${server.skewMs ? `, clock ${server.skewMs > 0 ? '+' : ''}${Math.round(server.skewMs / 1000)} s` : ''}`);
    const c = server.lastCheck;
    const fresh = c && world.timeMs - c.atMs <= FLASH_MS;
    const flash = fresh && c ? { ok: c.ok, text: `${c.kind === 'signature' ? 'signature' : c.kind === 'denylist' ? 'denylist' : 'lookup'} ${c.ok ? '✓' : '✗'}` } : null;
    return { title: server.id, lines: server.up ? lines : ['down'], down: !server.up, flash };
  }
  const client = world.clients.find((c) => c.id === id);
  if (client) return { title: client.kind === 'attacker' ? `${client.id} (attacker)` : `${client.id}'s browser`, lines: [holding(world, client.id)], down: false, flash: null };
  return { title: id, lines: [], down: false, flash: null };
}

function storeStatus(world: WorldSnapshot): NodeStatus {
  const st = world.store;
  const state = !st.up ? 'DOWN' : st.slowFactor > 1 ? `slow ×${st.slowFactor}` : 'up';
  if (world.mode === 'session') {
    const local = world.options.sessionStorage === 'local';
    return { title: 'Session store', lines: [local ? 'unused (server memory)' : plural(st.sessions.length, 'session'), `${state}${st.queued ? `, ${st.queued} queued` : ''}`], down: !st.up, flash: null };
  }
  const used = world.options.denylist || world.options.refreshTokens;
  const what = [world.options.denylist ? `denylist ${st.denylist.length}` : '', world.options.refreshTokens ? plural(st.refreshFamilies, 'refresh family') : ''].filter(Boolean).join(', ');
  return { title: used ? 'Shared store' : 'Store (unused)', lines: [used ? what : 'JWT needs no lookup', state], down: !st.up, flash: null };
}

/** What a browser holds, in the article's picture: a wristband (session id) or a badge (JWT). */
export function holding(world: WorldSnapshot, clientId: string): string {
  const client = world.clients.find((c) => c.id === clientId);
  if (!client) return '';
  const sid = client.jar.cookies.find((c) => c.name === SESSION_COOKIE);
  if (sid) return `wristband: sid ${shortId(sid.value)}`;
  if (client.storage.accessToken || client.jar.cookies.some((c) => c.name === JWT_COOKIE)) return 'badge: a signed JWT';
  return 'not logged in';
}
