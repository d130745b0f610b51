// The actor network drawn with cytoscape (installed from npm, served under /vendor/): nodes coloured
// by actor kind, edges by tie type; dashed when hedged or known only through someone's claim, dotted
// for "X says, of Y". Clicking an edge shows its evidence sentences with speaker and source.

import { actorUrl, append, badge, clear, confidenceText, docUrl, h, notice, plural, unsure } from './dom.js';
import { kindColor, typeColor } from './colors.js';

let cytoscapePromise = null;

/** cytoscape's ES module, loaded once; a clear error when `npm ci` has not run. */
export function loadCytoscape() {
  if (!cytoscapePromise) {
    cytoscapePromise = import('/vendor/cytoscape.esm.min.mjs')
      .then((m) => m.default)
      .catch(() => {
        cytoscapePromise = null;
        throw new Error(
          'The graph library (cytoscape) is not installed on the server: run `bash run setup` ' +
            '(npm ci from package-lock.json) and restart newsgraph serve.',
        );
      });
  }
  return cytoscapePromise;
}

/** A network answer ({center, actors, edges}: /api/network, /api/actors/ID/network) as the graph
 * draws it: its actors as nodes, every edge with the confidence threshold. */
export function normaliseNetwork(body) {
  const threshold = body.confidence_threshold;
  return { nodes: body.actors, edges: body.edges.map((e) => ({ ...e, threshold })), center: body.center };
}

/** Every statement of this tie comes through someone's claim (a report, a spokesperson). */
export function onlyClaimed(edge) {
  return edge.evidence.length > 0 && edge.evidence.every((x) => x.speaker_name);
}

/** solid (stated as fact), dashed (hedged, speculative, planned, negated, or only claimed), dotted (says). */
export function lineStyle(edge) {
  if (edge.kind === 'claim' || edge.type === 'says') return 'dotted';
  if ((edge.modality && edge.modality !== 'asserted') || onlyClaimed(edge)) return 'dashed';
  return 'solid';
}

/** The list of evidence sentences of one edge, each with speaker, outlet, date and a link to the document. */
export function evidenceList(edge) {
  const source = edge.source_name || `#${edge.source}`;
  const target = edge.target_name || `#${edge.target}`;
  const evidence = edge.evidence;
  const head = h(
    'div',
    { class: 'evidence-head' },
    h('span', { class: 'swatch', dataset: { style: lineStyle(edge) } }),
    h('strong', {}, String(source)),
    ` ${edge.directed === false ? '—' : '→'} `,
    h('strong', {}, String(target)),
    ' ',
    badge(edge.label && edge.label !== edge.type ? `${edge.type} (${edge.label})` : edge.type, 'type'),
    ' ',
    edge.modality ? badge(edge.modality, edge.modality) : null,
    onlyClaimed(edge) && edge.kind !== 'claim' ? badge('only claimed', 'claimed') : null,
  );
  const swatch = head.querySelector('.swatch');
  swatch.style.borderTopColor = typeColor(edge.type);
  const meta = h(
    'p',
    { class: 'muted' },
    plural(edge.weight, 'document'),
    ` · confidence ${confidenceText(edge.confidence)}`,
    edge.first ? ` · ${edge.first}${edge.last && edge.last !== edge.first ? ' – ' + edge.last : ''}` : '',
  );
  const list = h('ol', { class: 'evidence' });
  for (const x of evidence) {
    append(
      list,
      h(
        'li',
        { class: ['evidence-item', unsure(x.confidence, edge.threshold) ? 'unsure' : null] },
        h('blockquote', { class: 'sentence' }, x.sentence_text),
        h(
          'p',
          { class: 'evidence-meta' },
          x.speaker_name ? [h('span', { class: 'speaker' }, `${x.speaker_name} says`), ' · '] : null,
          x.modality && x.modality !== 'asserted' ? [badge(x.modality, x.modality), ' '] : null,
          h('span', { class: 'outlet' }, x.outlet || 'unknown outlet'),
          x.date ? ` · ${x.date}` : x.published ? ` · ${x.published}` : '',
          ` · confidence ${confidenceText(x.confidence)}`,
          ' · ',
          h('a', { href: docUrl(x.document) }, x.title || x.document),
        ),
      ),
    );
  }
  if (!evidence.length) append(list, h('li', {}, notice('No evidence sentences were returned for this tie.')));
  return h('div', { class: 'evidence-panel', dataset: { edge: edge.id } }, head, meta, list);
}

/** The legend: the node colours (actor kinds, or communities), the tie types present (colours), and
 * what the line styles mean. ``nodes`` and ``communities`` are optional. */
export function legend(edges, { nodes = null, communities = null } = {}) {
  const types = [...new Set(edges.map((e) => e.type))].sort();
  const line = (style, label, colour) => {
    const sw = h('span', { class: 'legend-line', dataset: { style } });
    if (colour) sw.style.borderTopColor = colour;
    return h('span', { class: 'legend-item' }, sw, label);
  };
  const dot = (label, colour) => {
    const sw = h('span', { class: 'legend-dot' });
    sw.style.backgroundColor = colour;
    return h('span', { class: 'legend-item' }, sw, label);
  };
  let nodeGroup = null;
  if (communities) {
    nodeGroup = h('span', { class: 'legend-group legend-nodes' }, h('span', { class: 'legend-title' }, 'Communities'), communities.legend.map((c) => dot(c.label, c.color)));
  } else if (nodes) {
    const kinds = [...new Set(nodes.map((n) => n.kind || 'other'))].sort();
    nodeGroup = h('span', { class: 'legend-group legend-nodes' }, h('span', { class: 'legend-title' }, 'Actors'), kinds.map((k) => dot(k, kindColor(k))));
  }
  return h(
    'div',
    { class: 'legend', id: 'graph-legend' },
    nodeGroup,
    h('span', { class: 'legend-group' }, h('span', { class: 'legend-title' }, 'Ties'), types.map((t) => line('solid', t, typeColor(t)))),
    h(
      'span',
      { class: 'legend-group' },
      h('span', { class: 'legend-title' }, 'Lines'),
      line('solid', 'stated as fact'),
      line('dashed', 'hedged, planned or only claimed'),
      line('dotted', 'says, of'),
    ),
  );
}

const STYLE = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(color)',
      label: 'data(name)',
      'font-size': 11,
      'font-family': 'system-ui, sans-serif',
      color: '#1d2733',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-wrap': 'ellipsis',
      'text-max-width': 140,
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
      'text-background-padding': 1,
      'min-zoomed-font-size': 0,
      width: 'data(size)',
      height: 'data(size)',
      'border-width': 1,
      'border-color': '#ffffff',
    },
  },
  { selector: 'node.nolabel', style: { 'text-opacity': 0, 'text-background-opacity': 0 } },
  { selector: 'node.center', style: { 'border-width': 3, 'border-color': '#1d2733' } },
  {
    selector: 'edge',
    style: {
      width: 'data(width)',
      'line-color': 'data(color)',
      'target-arrow-color': 'data(color)',
      'target-arrow-shape': 'data(arrow)',
      'arrow-scale': 0.8,
      'curve-style': 'bezier',
      'line-style': 'data(lineStyle)',
      opacity: 0.85,
    },
  },
  { selector: 'edge:selected', style: { width: 5, opacity: 1, 'underlay-color': '#ffd54f', 'underlay-opacity': 0.6, 'underlay-padding': 4 } },
  { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#ffb300' } },
  { selector: 'node:active, node.hover', style: { 'text-opacity': 1, 'text-background-opacity': 0.9, 'z-index': 20 } },
  { selector: '.faded', style: { opacity: 0.2 } },
  { selector: 'edge.unsure', style: { opacity: 0.3 } },
  { selector: '.off', style: { display: 'none' } },
];

/** Nodes drawn at most on an actor page (``layout: 'concentric'``) and elsewhere: a hub's
 * neighbourhood is capped to its most relevant actors (the API ranks the edges: the actor's own
 * ties first), so it never draws as a circular hairball. */
export const MAX_NODES_SMALL = 40;
export const MAX_NODES = 150;

/** The first ``cap`` actors in the order the (ranked) edges reach them, the centre first; the edges
 * among them. Returns {nodes, edges, total} (total: actors before the cap). */
export function capNetwork(data, cap) {
  const byId = new Map(data.nodes.map((n) => [String(n.id), n]));
  const keep = new Set(data.center.map(String).filter((id) => byId.has(id)));
  for (const e of data.edges) {
    if (keep.size >= cap) break;
    for (const end of [String(e.source), String(e.target)]) if (keep.size < cap && byId.has(end)) keep.add(end);
  }
  if (data.nodes.length <= cap) return { nodes: data.nodes, edges: data.edges, total: data.nodes.length };
  return {
    nodes: data.nodes.filter((n) => keep.has(String(n.id))),
    edges: data.edges.filter((e) => keep.has(String(e.source)) && keep.has(String(e.target))),
    total: data.nodes.length,
  };
}

/** The layout: cose (force-directed) with each node's label counted in its size, so labels are
 * laid out apart; the centre pinned in the middle. */
export function layoutOptions(eles) {
  const n = eles.nodes().length;
  return {
    name: 'cose',
    animate: false,
    randomize: false,
    fit: true,
    padding: 24,
    nodeDimensionsIncludeLabels: true,
    nodeRepulsion: () => 90000,
    nodeOverlap: 60,
    idealEdgeLength: () => (n > 60 ? 60 : 80),
    edgeElasticity: () => 100,
    nestingFactor: 1.2,
    gravity: 0.8,
    componentSpacing: 60,
    numIter: n > 100 ? 600 : 1000,
    initialTemp: 800,
    coolingFactor: 0.97,
    minTemp: 1.0,
  };
}

/** Deterministic start positions: centre(s) at the origin, the rest on a spiral in rank order (the
 * order of the ranked edges), so each layout is the same for the same answer. */
function seedPositions(cy, center) {
  let i = 0;
  cy.nodes().forEach((node) => {
    if (center.has(node.id())) {
      node.position({ x: 0, y: 0 });
      return;
    }
    i += 1;
    const r = 40 * Math.sqrt(i);
    const a = i * 2.399963; // the golden angle
    node.position({ x: r * Math.cos(a), y: r * Math.sin(a) });
  });
}

/**
 * Labels that do not overlap: the nodes in priority order (the centre, then the most documented),
 * each label kept only where its box meets no kept label's box; the others are hidden (shown on
 * hover or when zooming in makes room). Returns how many labels are shown.
 */
export function declutter(cy) {
  const nodes = cy.nodes(':visible');
  cy.batch(() => nodes.removeClass('nolabel'));
  const order = nodes.toArray().sort((a, b) => (b.hasClass('center') - a.hasClass('center')) || (b.data('rank') - a.data('rank')) || (a.id() < b.id() ? -1 : 1));
  const kept = [];
  const hide = [];
  for (const node of order) {
    const box = node.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
    if (!box || !(box.w > 0)) continue;
    const pad = 2 / cy.zoom();
    const hit = kept.some((k) => box.x1 - pad < k.x2 && k.x1 < box.x2 + pad && box.y1 - pad < k.y2 && k.y1 < box.y2 + pad);
    if (hit) hide.push(node);
    else kept.push(box);
  }
  cy.batch(() => hide.forEach((n) => n.addClass('nolabel')));
  return kept.length;
}

/**
 * Draw ``data`` (normalised) into ``container``. ``onEdge(edge)`` and ``onNode(node)`` are called on
 * a click. At most ``maxNodes`` actors are drawn (the most relevant: see capNetwork); a line under the
 * graph says how many were left out. Returns the cytoscape instance (also kept as
 * window.newsgraphGraph for the browser tests).
 */
export async function drawGraph(container, data, { onEdge, onNode, layout = 'cose', maxNodes = null, colors = null } = {}) {
  const cytoscape = await loadCytoscape();
  const cap = maxNodes || (layout === 'concentric' ? MAX_NODES_SMALL : MAX_NODES);
  const shown = capNetwork(data, cap);
  const center = new Set(data.center.map(String));
  const ids = new Set(shown.nodes.map((n) => String(n.id)));
  const degree = new Map();
  for (const e of shown.edges) for (const end of [String(e.source), String(e.target)]) degree.set(end, (degree.get(end) || 0) + e.weight);
  const elements = [];
  for (const n of shown.nodes) {
    const docs = n.documents;
    const id = String(n.id);
    elements.push({
      group: 'nodes',
      data: {
        id,
        name: n.name,
        kind: n.kind,
        color: colors ? colors(n) : kindColor(n.kind),
        size: Math.min(46, 16 + 6 * Math.log2(1 + docs)),
        rank: (degree.get(id) || 0) * 1000 + docs,
        documents: docs,
      },
      classes: center.has(id) ? 'center' : '',
    });
  }
  for (const e of shown.edges) {
    if (!ids.has(String(e.source)) || !ids.has(String(e.target))) continue;
    elements.push({
      group: 'edges',
      data: {
        id: e.id,
        source: String(e.source),
        target: String(e.target),
        type: e.type,
        color: typeColor(e.type),
        lineStyle: lineStyle(e),
        arrow: e.directed === false ? 'none' : 'triangle',
        width: Math.min(8, 1.6 + 1.4 * Math.log2(e.weight)),
        weight: e.weight,
      },
      classes: unsure(e.confidence, e.threshold) ? 'unsure' : '',
    });
  }
  const byId = new Map(data.edges.map((e) => [e.id, e]));
  const nodesById = new Map(data.nodes.map((n) => [String(n.id), n]));
  const cy = cytoscape({
    container,
    elements,
    style: STYLE,
    minZoom: 0.15,
    maxZoom: 4,
    boxSelectionEnabled: false,
    layout: { name: 'preset', fit: false },
  });
  // Labels keep about 12px on screen whatever the zoom; labels that would overlap are hidden.
  const labels = () => {
    const size = Math.max(5, Math.min(24, 12 / cy.zoom()));
    cy.style().selector('node').style({ 'font-size': size, 'text-max-width': 12 * size, 'text-margin-y': size / 3 }).update();
  };
  const relabel = () => {
    labels();
    declutter(cy);
  };
  cy.newsgraph = {
    relayout: () => {
      const visible = cy.elements(':visible');
      seedPositions(cy, center);
      visible.layout(layoutOptions(visible)).run();
      relabel();
    },
  };
  labels();
  seedPositions(cy, center);
  cy.layout(layoutOptions(cy.elements())).run();
  relabel();
  let timer = null;
  cy.on('zoom', () => {
    labels();
    clearTimeout(timer);
    timer = setTimeout(() => declutter(cy), 120);
  });
  cy.on('mouseover', 'node', (evt) => evt.target.addClass('hover'));
  cy.on('mouseout', 'node', (evt) => evt.target.removeClass('hover'));
  cy.on('tap', 'edge', (evt) => {
    const edge = byId.get(evt.target.id());
    if (edge && onEdge) onEdge(edge);
  });
  cy.on('tap', 'node', (evt) => {
    const node = nodesById.get(evt.target.id());
    if (node && onNode) onNode(node);
  });
  const anchor = container.closest('.graph-layout') || container;
  const old = anchor.parentNode && anchor.parentNode.querySelector(':scope > .graph-capped');
  if (old) old.remove();
  if (shown.nodes.length < shown.total) {
    const what = center.size ? 'most tied to the centre' : 'most tied';
    anchor.after(h('p', { class: 'muted small graph-capped' }, `Drawn: the ${shown.nodes.length} actors ${what}, of ${plural(shown.total, 'actor')} (the table lists every tie).`));
  }
  window.newsgraphGraph = cy;
  return cy;
}

/** Highlight one edge in the graph (when chosen from the list rather than the canvas). */
export function selectEdge(cy, edgeId) {
  if (!cy) return;
  cy.elements().unselect();
  const el = cy.getElementById(edgeId);
  if (el && el.length) el.select();
}

/** A node's short card with a link to its actor page. */
export function nodeCard(node) {
  return h(
    'div',
    { class: 'node-card' },
    h('h3', {}, h('a', { href: actorUrl(node.id) }, node.name)),
    h('p', {}, badge(node.kind, node.kind), node.country ? ` ${node.country}` : '', ` · ${plural(node.documents, 'document')}`),
  );
}

export { clear };
