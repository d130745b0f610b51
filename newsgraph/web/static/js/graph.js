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

/** The legend: the tie types present (colours), and what the line styles mean. */
export function legend(edges) {
  const types = [...new Set(edges.map((e) => e.type))].sort();
  const line = (style, label, colour) => {
    const sw = h('span', { class: 'legend-line', dataset: { style } });
    if (colour) sw.style.borderTopColor = colour;
    return h('span', { class: 'legend-item' }, sw, label);
  };
  return h(
    'div',
    { class: 'legend' },
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
      'text-wrap': 'wrap',
      'text-max-width': 120,
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.75,
      'text-background-padding': 1,
      width: 'data(size)',
      height: 'data(size)',
      'border-width': 1,
      'border-color': '#ffffff',
    },
  },
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
  { selector: '.faded', style: { opacity: 0.2 } },
  { selector: 'edge.unsure', style: { opacity: 0.3 } },
];

/**
 * Draw ``data`` (normalised) into ``container``. ``onEdge(edge)`` and ``onNode(node)`` are called on
 * a click. Returns the cytoscape instance (also kept as window.newsgraphGraph for the browser tests).
 */
export async function drawGraph(container, data, { onEdge, onNode, layout = 'cose' } = {}) {
  const cytoscape = await loadCytoscape();
  const center = new Set(data.center.map(String));
  const ids = new Set(data.nodes.map((n) => String(n.id)));
  const elements = [];
  for (const n of data.nodes) {
    const docs = n.documents;
    elements.push({
      group: 'nodes',
      data: {
        id: String(n.id),
        name: n.name,
        kind: n.kind,
        color: kindColor(n.kind),
        size: Math.min(46, 16 + 6 * Math.log2(1 + docs)),
      },
      classes: center.has(String(n.id)) ? 'center' : '',
    });
  }
  for (const e of data.edges) {
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
    minZoom: 0.2,
    maxZoom: 4,
    boxSelectionEnabled: false,
    layout:
      layout === 'concentric' && center.size
        ? {
            name: 'concentric',
            animate: false,
            concentric: (node) => (center.has(node.id()) ? 2 : 1),
            levelWidth: () => 1,
            minNodeSpacing: 70,
            padding: 40,
          }
        : {
            name: 'cose',
            animate: false,
            randomize: true,
            nodeRepulsion: () => 60000,
            nodeOverlap: 40,
            idealEdgeLength: () => 55,
            edgeElasticity: () => 100,
            gravity: 0.6,
            componentSpacing: 40,
            numIter: 2000,
            padding: 24,
          },
  });
  // Labels keep about 12px on screen whatever the zoom (the layout fits the whole graph in view).
  const labels = () => {
    const size = Math.max(5, Math.min(24, 12 / cy.zoom()));
    cy.style().selector('node').style({ 'font-size': size, 'text-max-width': 10 * size, 'text-margin-y': size / 3 }).update();
  };
  labels();
  cy.on('zoom', labels);
  cy.on('tap', 'edge', (evt) => {
    const edge = byId.get(evt.target.id());
    if (edge && onEdge) onEdge(edge);
  });
  cy.on('tap', 'node', (evt) => {
    const node = nodesById.get(evt.target.id());
    if (node && onNode) onNode(node);
  });
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
