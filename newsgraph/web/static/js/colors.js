// Colours for actor kinds and tie types, shared by the graph, the legend, the map and the badges.

export const KIND_COLORS = {
  person: '#3b6fb6',
  organization: '#c27c0e',
  state: '#2f8f5b',
  place: '#7a8b99',
  group: '#b23a48',
  igo: '#6a4c93',
  media: '#5f6b73',
  other: '#a0a7ad',
};

export const TYPE_COLORS = {
  says: '#8e6cc0',
  // PLOVER event types
  AGREE: '#2e7d32',
  CONSULT: '#1565c0',
  SUPPORT: '#43a047',
  CONCEDE: '#9e9d24',
  COOPERATE: '#00897b',
  AID: '#26a69a',
  RETREAT: '#6d7b86',
  REQUEST: '#5c6bc0',
  ACCUSE: '#e65100',
  REJECT: '#d84315',
  THREATEN: '#c62828',
  PROTEST: '#f9a825',
  SANCTION: '#6d4c41',
  MOBILIZE: '#ad1457',
  COERCE: '#b71c1c',
  ASSAULT: '#880e4f',
  ESTABLISH: '#0277bd',
  // relation types
  member_of: '#3949ab',
  leads: '#283593',
  represents: '#5e35b1',
  allied_with: '#388e3c',
  fights: '#d32f2f',
  communicates_with: '#0288d1',
  supports: '#7cb342',
  opposes: '#f4511e',
  located_in: '#90a4ae',
  based_in: '#78909c',
  operates_in: '#607d8b',
  alias_of: '#9e9e9e',
  has_role: '#a1887f',
  other: '#9e9e9e',
};

function hashHue(text) {
  let n = 0;
  for (const ch of String(text)) n = (n * 31 + ch.codePointAt(0)) % 360;
  return n;
}

export function typeColor(type) {
  return TYPE_COLORS[type] || TYPE_COLORS[String(type).toUpperCase()] || `hsl(${hashHue(type)}, 55%, 42%)`;
}

export function kindColor(kind) {
  return KIND_COLORS[kind] || KIND_COLORS.other;
}

/** Colours of the largest communities (the network's "colour by community"); the rest grey. */
export const COMMUNITY_COLORS = ['#1f77b4', '#e6550d', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

export function communityColor(index, size = 2) {
  return size > 1 && index >= 0 && index < COMMUNITY_COLORS.length ? COMMUNITY_COLORS[index] : KIND_COLORS.other;
}
