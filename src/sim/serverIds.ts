// The engine names its app servers `server-1`, `server-2`…, and one added `server-N`: the name a
// link's interventions, the stage and the narration read a server by.

export const serverId = (n: number): string => `server-${n}`;

export const isServerId = (id: string): boolean => /^server-\d+$/.test(id);
