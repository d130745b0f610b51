// The actor network drawn with cytoscape (installed from npm, served under /vendor/): nodes coloured
// by actor kind, edges by tie type; dashed when hedged or known only through someone's claim, dotted
// for "X says, of Y". Clicking an edge shows its evidence sentences with speaker and source.

import { actorUrl, append, badge, clear, confidenceText, docUrl, h, notice, onPage, plural, unsure } from './dom.js';
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
        h('blockquote', { class: 'sentence' }, x.sentence_text, onPage(x)),
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
      label: 'data(label)',
      'font-size': 11,
      'font-family': 'system-ui, sans-serif',
      color: '#1d2733',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-wrap': 'none',
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
  { selector: 'node.nolabel', style: { label: '' } },
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
  { selector: 'node:active, node.hover', style: { label: 'data(label)', 'text-background-opacity': 0.95, 'z-index': 20 } },
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

/**
 * A force-directed layout (Fruchterman-Reingold) of the visible nodes, computed here in a few
 * milliseconds (cytoscape's cose takes most of a second for a hub's hundred actors on a busy
 * machine): nodes repel (more sideways, where their labels run), ties pull by their documents,
 * a weak pull to the middle keeps the pieces together; the centre starts in the middle and the
 * others on a spiral in the order the ranked edges reach them, so the same answer lays out the
 * same way. Returns {id: {x, y}} for cytoscape's preset layout.
 */
export function forceLayout(nodes, edges, center = new Set(), { iterations = 220, ideal = 75, gravity = 0.02 } = {}) {
  const n = nodes.length;
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let k = 0;
  nodes.forEach((node, i) => {
    if (center.has(node.id)) return;
    k += 1;
    const r = ideal * 0.6 * Math.sqrt(k);
    xs[i] = r * Math.cos(k * 2.399963);
    ys[i] = r * Math.sin(k * 2.399963);
  });
  const links = [];
  for (const e of edges) {
    const a = index.get(e.source);
    const b = index.get(e.target);
    if (a !== undefined && b !== undefined && a !== b) links.push([a, b, 1 + Math.log2(e.weight || 1) * 0.3]);
  }
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  let temperature = ideal * 2;
  const cool = Math.pow(0.5 / temperature, 1 / iterations);
  for (let it = 0; it < iterations; it += 1) {
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i += 1) {
      for (let j = i + 1; j < n; j += 1) {
        let x = xs[i] - xs[j];
        let y = ys[i] - ys[j];
        if (x === 0 && y === 0) {
          x = 0.1 * (i - j);
          y = 0.1;
        }
        const d2 = (x * x) / 2.2 + y * y; // labels are wide: count sideways distance as shorter
        const f = (ideal * ideal) / Math.max(d2, 1);
        dx[i] += x * f;
        dy[i] += y * f;
        dx[j] -= x * f;
        dy[j] -= y * f;
      }
    }
    for (const [a, b, w] of links) {
      const x = xs[a] - xs[b];
      const y = ys[a] - ys[b];
      const d = Math.sqrt(x * x + y * y) || 0.01;
      const f = (d * w) / ideal;
      dx[a] -= x * f;
      dy[a] -= y * f;
      dx[b] += x * f;
      dy[b] += y * f;
    }
    for (let i = 0; i < n; i += 1) {
      dx[i] -= xs[i] * gravity;
      dy[i] -= ys[i] * gravity;
      const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
      const step = Math.min(d, temperature);
      xs[i] += (dx[i] / d) * step;
      ys[i] += (dy[i] / d) * step;
    }
    temperature *= cool;
  }
  const out = {};
  nodes.forEach((node, i) => {
    out[node.id] = { x: xs[i], y: ys[i] };
  });
  return out;
}

/** The connected pieces of a graph: lists of node ids, the one holding a centre first, then the
 * largest (ties broken by the order of ``nodes``). */
export function componentsOf(nodes, edges, center = new Set()) {
  const adj = new Map(nodes.map((n) => [n.id, []]));
  for (const e of edges) {
    if (adj.has(e.source) && adj.has(e.target)) {
      adj.get(e.source).push(e.target);
      adj.get(e.target).push(e.source);
    }
  }
  const seen = new Set();
  const pieces = [];
  for (const n of nodes) {
    if (seen.has(n.id)) continue;
    const piece = [n.id];
    seen.add(n.id);
    for (let i = 0; i < piece.length; i += 1) {
      for (const m of adj.get(piece[i])) {
        if (!seen.has(m)) {
          seen.add(m);
          piece.push(m);
        }
      }
    }
    pieces.push(piece);
  }
  const central = (piece) => piece.some((id) => center.has(id));
  return pieces
    .map((piece, order) => ({ piece, order }))
    .sort((a, b) => central(b.piece) - central(a.piece) || b.piece.length - a.piece.length || a.order - b.order)
    .map((x) => x.piece);
}

/**
 * The layout of a graph that may fall apart in pieces (the strongest ties of a store: a football
 * club and its manager apart from the politics): each piece laid out by :func:`forceLayout`, then
 * the pieces packed in rows, the largest first, to fill a box of about ``aspect`` (width / height)
 * with a margin for the labels. A force layout of them all at once would push the small pieces
 * thousands of units away and leave the view a dot. Returns {id: {x, y}}, centred on 0, 0.
 */
export function layoutGraph(nodes, edges, center = new Set(), { aspect = 1.4, gap = 60 } = {}) {
  const pieces = componentsOf(nodes, edges, center);
  if (pieces.length <= 1) return forceLayout(nodes, edges, center);
  const boxes = pieces.map((piece) => {
    const ids = new Set(piece);
    const pos = forceLayout(
      nodes.filter((n) => ids.has(n.id)),
      edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
      center,
    );
    const pts = Object.values(pos);
    const x0 = Math.min(...pts.map((p) => p.x)) - gap;
    const y0 = Math.min(...pts.map((p) => p.y)) - gap / 2;
    const w = Math.max(...pts.map((p) => p.x)) + gap - x0;
    const h = Math.max(...pts.map((p) => p.y)) + gap / 2 - y0;
    return { pos, x0, y0, w, h };
  });
  const area = boxes.reduce((sum, b) => sum + b.w * b.h, 0);
  const width = Math.max(Math.max(...boxes.map((b) => b.w)), Math.sqrt(area * aspect));
  const out = {};
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const b of boxes) {
    if (x > 0 && x + b.w > width) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    for (const [id, p] of Object.entries(b.pos)) out[id] = { x: p.x - b.x0 + x, y: p.y - b.y0 + y };
    x += b.w;
    rowHeight = Math.max(rowHeight, b.h);
  }
  const pts = Object.values(out);
  const cx = (Math.min(...pts.map((p) => p.x)) + Math.max(...pts.map((p) => p.x))) / 2;
  const cy = (Math.min(...pts.map((p) => p.y)) + Math.max(...pts.map((p) => p.y))) / 2;
  for (const p of pts) {
    p.x -= cx;
    p.y -= cy;
  }
  return out;
}

/** The elements not hidden by the page's controls (class ``off``); cheaper than ':visible', which
 * computes every element's style first. */
export function shownNodes(cy) {
  return cy.nodes().filter((n) => !n.hasClass('off'));
}

function shownEdges(cy) {
  return cy.edges().filter((e) => !e.hasClass('off'));
}

/** Lay out the shown elements of ``cy`` with :func:`layoutGraph` and fit them in view. */
function runLayout(cy, center) {
  const nodes = shownNodes(cy);
  const edges = shownEdges(cy).map((e) => ({ source: e.data('source'), target: e.data('target'), weight: e.data('weight') }));
  const positions = layoutGraph(nodes.map((node) => ({ id: node.id() })), edges, center);
  cy.batch(() => nodes.forEach((node) => node.position(positions[node.id()])));
  cy.viewport(fitView(Object.values(positions), cy.width(), cy.height(), cy.minZoom(), cy.maxZoom()));
}

/** The zoom and pan that fit ``points`` (with room for nodes and labels) in a ``w`` x ``hgt`` view:
 * cytoscape's own fit measures every label first, which costs more than the layout. */
export function fitView(points, w, hgt, minZoom = 0.15, maxZoom = 4) {
  if (!points.length || !(w > 0) || !(hgt > 0)) return { zoom: 1, pan: { x: w / 2 || 0, y: hgt / 2 || 0 } };
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs) - 70, Math.max(...xs) + 70, Math.min(...ys) - 30, Math.max(...ys) + 60];
  const zoom = Math.max(minZoom, Math.min(maxZoom, 1.6, w / (x1 - x0), hgt / (y1 - y0)));
  return { zoom, pan: { x: w / 2 - zoom * ((x0 + x1) / 2), y: hgt / 2 - zoom * ((y0 + y1) / 2) } };
}

/** The label style that keeps labels about 12 px on screen at ``zoom``. */
function labelStyle(zoom) {
  const size = labelSize(zoom);
  return { 'font-size': size, 'text-margin-y': size / 3 };
}

/** A name as a label: one line, cut with an ellipsis past 26 characters (the full name on the
 * node's card); cheaper for the canvas than its own ellipsis, which measures each label. */
export function shortLabel(name) {
  const text = String(name || '');
  return text.length > 26 ? text.slice(0, 25).trimEnd() + '…' : text;
}

/** The box a label takes (model coordinates), estimated from its text and the label style (below
 * the node, one line: see shortLabel) for a node ``{label, size, x, y}``: measuring each label in
 * the canvas costs a quarter of a second for a hundred nodes. The estimate errs on the large side. */
export function labelBox(node, size) {
  const name = String(node.label || '');
  const width = name.length * size * 0.62 + 2 * size * 0.2 + 2;
  const height = size * 1.35 + 2;
  const top = node.y + Number(node.size) / 2 + size / 3;
  return { x1: node.x - width / 2, x2: node.x + width / 2, y1: top, y2: top + height };
}

/** The label size (model units) that keeps labels about 12 px on screen at ``zoom``. */
function labelSize(zoom) {
  return Math.max(5, Math.min(24, 12 / zoom));
}

/**
 * Which labels to hide so that none overlaps another or another actor's dot, at ``zoom``: the nodes
 * (``{id, label, size, x, y, center, rank}``) in priority order (the centre, then the most tied),
 * each label kept only where its box meets no kept label's box. Returns the set of ids to hide.
 */
export function labelsToHide(nodes, zoom) {
  const size = labelSize(zoom);
  const order = [...nodes].sort((a, b) => b.center - a.center || b.rank - a.rank || (a.id < b.id ? -1 : 1));
  const kept = [];
  const hide = new Set();
  const pad = 2 / zoom;
  const meets = (box, k) => box.x1 - pad < k.x2 && k.x1 < box.x2 + pad && box.y1 - pad < k.y2 && k.y1 < box.y2 + pad;
  // the dots too: a label is not drawn under another actor's dot
  const dots = nodes.map((n) => {
    const r = Number(n.size) / 2;
    return { id: n.id, x1: n.x - r, x2: n.x + r, y1: n.y - r, y2: n.y + r };
  });
  for (const node of order) {
    const box = labelBox(node, size);
    const hit = kept.some((k) => meets(box, k)) || (!node.center && dots.some((d) => d.id !== node.id && meets(box, d)));
    if (hit) hide.add(node.id);
    else kept.push(box);
  }
  return hide;
}

/**
 * Labels that do not overlap (:func:`labelsToHide` over the shown nodes at the graph's zoom); the
 * others are hidden (shown on hover, or when zooming in makes room). Returns how many labels are
 * shown.
 */
export function declutter(cy) {
  const nodes = shownNodes(cy);
  const plain = nodes.map((n) => {
    const p = n.position();
    return { id: n.id(), label: n.data('label'), size: n.data('size'), x: p.x, y: p.y, center: n.hasClass('center'), rank: n.data('rank') };
  });
  const hide = labelsToHide(plain, cy.zoom());
  cy.batch(() => {
    for (const n of nodes) {
      if (hide.has(n.id()) !== n.hasClass('nolabel')) n.toggleClass('nolabel', hide.has(n.id()));
    }
  });
  return plain.length - hide.size;
}

/**
 * Draw ``data`` (normalised) into ``container``. ``onEdge(edge)`` and ``onNode(node)`` are called on
 * a click. At most ``maxNodes`` actors are drawn (the most relevant: see capNetwork); a line under the
 * graph says how many were left out. Returns the cytoscape instance (also kept as
 * window.newsgraphGraph for the browser tests).
 */
export async function drawGraph(container, data, { onEdge, onNode, layout = 'cose', maxNodes = null, colors = null } = {}) {
  performance.mark('graph:start');
  const cytoscape = await loadCytoscape();
  performance.mark('graph:library');
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
        label: shortLabel(n.name),
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
  // laid out before cytoscape starts: one style computation, at the zoom the view will have
  const positions = layoutGraph(elements.filter((x) => x.group === 'nodes').map((x) => x.data), elements.filter((x) => x.group === 'edges').map((x) => x.data), center);
  for (const x of elements) if (x.group === 'nodes') x.position = positions[x.data.id];
  const viewport = fitView(Object.values(positions), container.clientWidth, container.clientHeight);
  // labels that would overlap are hidden from the start: one style computation, not two
  const nodeItems = elements.filter((x) => x.group === 'nodes');
  const hidden = labelsToHide(
    nodeItems.map((x) => ({ ...x.data, ...x.position, center: x.classes === 'center' })),
    viewport.zoom,
  );
  for (const x of nodeItems) if (hidden.has(x.data.id)) x.classes = x.classes ? `${x.classes} nolabel` : 'nolabel';
  const byId = new Map(data.edges.map((e) => [e.id, e]));
  const nodesById = new Map(data.nodes.map((n) => [String(n.id), n]));
  performance.mark('graph:layout');
  const cy = cytoscape({
    container,
    elements,
    style: STYLE.map((rule) => (rule.selector === 'node' ? { ...rule, style: { ...rule.style, ...labelStyle(viewport.zoom) } } : rule)),
    minZoom: 0.15,
    maxZoom: 4,
    zoom: viewport.zoom,
    pan: viewport.pan,
    boxSelectionEnabled: false,
    layout: { name: 'preset', fit: false },
  });
  performance.mark('graph:created');
  // Labels keep about 12px on screen whatever the zoom; labels that would overlap are hidden.
  const labels = () => cy.style().selector('node').style(labelStyle(cy.zoom())).update();
  const relabel = () => {
    labels();
    declutter(cy);
  };
  cy.newsgraph = {
    relayout: () => {
      runLayout(cy, center);
      relabel();
    },
  };
  performance.mark('graph:labels');
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
    anchor.after(h('p', { class: 'muted small graph-capped' }, `Drawn: the ${shown.nodes.length} actors ${what}, of ${plural(shown.total, 'actor')}.`));
  }
  window.newsgraphGraph = cy;
  cy.one('render', () => performance.mark('graph:rendered'));
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
