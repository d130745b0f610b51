// The network view: the strongest ties of the store, or an actor's neighbourhood (ranked by the API:
// the actor's own ties first), drawn with cytoscape. Edges coloured by type, dashed when hedged or
// only claimed; a click on an edge (in the graph or the list below it) lists its evidence sentences
// with speaker and source. Controls above the graph hide places, states and hubs, set a minimum
// weight and confidence, colour by community and narrow the dates (a slider), all in the browser
// over the answer fetched. Ties come from facts at or above the confidence threshold; the page says
// how many facts that hides and offers to show them, faded.

import { get } from '../api.js';
import { MODALITIES, append, badge, clear, confidenceProps, confidenceText, h, hiddenNotice, notice, param, plural } from '../dom.js';
import { declutter, drawGraph, evidenceList, legend, lineStyle, loadCytoscape, nodeCard, normaliseNetwork, selectEdge } from '../graph.js';
import { communityColor, kindColor, typeColor } from '../colors.js';

const FIELDS = ['actor', 'depth', 'since', 'until', 'type', 'modality', 'source', 'limit', 'min_confidence'];
/** The most ties /api/network returns (its ``limit``'s maximum). */
export const MAX_TIES = 500;

/** A select of the form: "any", then ``options`` ([value, label]); the URL's value kept even before
 * the options arrive (the outlets come from /api/sources). */
function selectField(name, label, values, options) {
  const select = h('select', { name, id: `network-filters-${name}` }, h('option', { value: '' }, 'any'));
  const fill = (opts) => {
    const known = new Set([...select.options].map((o) => o.value));
    for (const [value, text] of opts) if (!known.has(value)) append(select, h('option', { value }, text ?? value));
    if (values[name] && !new Set([...select.options].map((o) => o.value)).has(values[name])) append(select, h('option', { value: values[name] }, values[name]));
    select.value = values[name] || '';
  };
  fill([]);
  Promise.resolve(options)
    .then(fill)
    .catch(() => null);
  return h('label', { class: 'field', for: `network-filters-${name}` }, h('span', {}, label), select);
}

function filterForm(values, onSubmit) {
  const field = (name, label, attrs) =>
    h('label', { class: 'field' }, h('span', {}, label), h('input', { name, value: values[name] || '', ...attrs }));
  const outlets = get('/sources').then((body) => body.items.map((s) => [s.source, `${s.source} (${s.documents})`]));
  const form = h(
    'form',
    { class: 'filters', id: 'network-filters' },
    field('actor', 'Actor', { type: 'search', placeholder: 'name, alias or #id', size: 22 }),
    field('depth', 'Depth', { type: 'number', min: 1, max: 3, placeholder: '1' }),
    field('since', 'Since', { type: 'text', placeholder: 'YYYY-MM-DD', size: 11 }),
    field('until', 'Until', { type: 'text', placeholder: 'YYYY-MM-DD', size: 11 }),
    field('type', 'Type', { type: 'text', placeholder: 'CONSULT, member_of, says…', size: 16 }),
    selectField('modality', 'Modality', values, MODALITIES.map((m) => [m])),
    selectField('source', 'Outlet', values, outlets),
    field('limit', 'Ties', { type: 'number', min: 1, max: MAX_TIES, placeholder: '100', title: `at most ${MAX_TIES}` }),
    h('button', { type: 'submit' }, 'Show'),
  );
  form.addEventListener('submit', (evt) => {
    evt.preventDefault();
    const data = new FormData(form);
    const next = {};
    for (const key of FIELDS) {
      const v = String(data.get(key) || '').trim();
      if (v) next[key] = v;
    }
    // no field of its own: the threshold shown ("Show them (faded)") is kept across a new search
    if (param('min_confidence') && !next.min_confidence) next.min_confidence = param('min_confidence');
    onSubmit(next);
  });
  return form;
}

function tieRow(e, onPick, threshold) {
  const sw = h('span', { class: 'legend-line', dataset: { style: lineStyle(e) } });
  sw.style.borderTopColor = typeColor(e.type);
  const conf = confidenceProps(e.confidence, threshold);
  const tr = h(
    'tr',
    { class: ['tie-row', conf.class], dataset: { edge: e.id }, tabindex: '0', title: conf.title },
    h('td', {}, e.source_name || `#${e.source}`),
    h('td', {}, sw, ' ', e.type, e.label && e.label !== e.type ? h('span', { class: 'muted' }, ` (${e.label})`) : null),
    h('td', {}, e.target_name || `#${e.target}`),
    h('td', {}, badge(e.modality, e.modality)),
    h('td', { class: 'num' }, String(e.weight)),
    h('td', { class: 'num confidence' }, confidenceText(e.confidence)),
    h('td', { class: 'muted' }, e.first ? `${e.first}${e.last && e.last !== e.first ? ' – ' + e.last : ''}` : ''),
  );
  tr.addEventListener('click', () => onPick(e));
  tr.addEventListener('keydown', (evt) => {
    if (evt.key === 'Enter') onPick(e);
  });
  return tr;
}

/** Rows appended per frame while the table of ties fills: the page paints and answers clicks and
 * zooms between two slices. */
const ROWS_PER_SLICE = 25;

/** Just after the next frame is painted. */
function nextFrame() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** The table of every tie, strongest first, filled a slice of rows per frame (it is below the
 * graph, and a hundred rows at once cost as much as drawing the graph). ``filled`` resolves when
 * every row is in; the table then carries ``data-complete``. */
function tiesTable(data, onPick, threshold) {
  const rows = [...data.edges].sort((a, b) => b.weight - a.weight);
  const body = h('tbody');
  const table = h(
    'table',
    { class: 'ties', id: 'ties' },
    h('thead', {}, h('tr', {}, ['From', 'Tie', 'To', 'Modality', 'Docs', 'Confidence', 'Dates'].map((t) => h('th', {}, t)))),
    body,
  );
  const filled = (async () => {
    for (let i = 0; i < rows.length; i += ROWS_PER_SLICE) {
      await nextFrame();
      if (!table.isConnected) return; // another answer replaced this one
      append(body, rows.slice(i, i + ROWS_PER_SLICE).map((e) => tieRow(e, onPick, threshold)));
    }
    table.dataset.complete = 'true';
  })();
  return { element: h('div', { class: 'table-scroll' }, table), table, filled };
}

/** Show the facts under the threshold (min_confidence 0) or hide them again (the default), keeping the URL in step. */
function toggler(box, values) {
  return (min) => {
    const next = { ...values };
    if (min === null) delete next.min_confidence;
    else next.min_confidence = String(min);
    const url = new URL(window.location.href);
    url.search = new URLSearchParams(next).toString();
    window.history.replaceState(null, '', url);
    show(box, next);
  };
}

/** A name that fits several actors: the API lists them (409); each link shows that one's network. */
function candidates(box, values, err) {
  const found = (err.details && err.details.candidates) || [];
  const link = (c) => {
    const next = { ...values, actor: `#${c.id}` };
    return h('a', { href: '/network?' + new URLSearchParams(next).toString() }, `${c.name} #${c.id}`);
  };
  return h(
    'div',
    { class: 'notice notice-info candidates', id: 'actor-candidates', role: 'status' },
    `“${values.actor}” fits ${plural(err.details.total || found.length, 'actor')}; pick one:`,
    h('ul', {}, found.map((c) => h('li', {}, link(c), ` (${c.kind}, ${plural(c.documents, 'document')}${c.alias ? `, also “${c.alias}”` : ''})`))),
  );
}

/** Actors tied to many others in this answer (never the centre): the hubs the "hide hubs" control
 * hides. A hub has at least 6 ties here, three times the median and as many as the top tenth. */
export function hubIds(data) {
  const degree = new Map();
  for (const e of data.edges) for (const end of [String(e.source), String(e.target)]) degree.set(end, (degree.get(end) || 0) + 1);
  const values = [...degree.values()].sort((a, b) => a - b);
  if (values.length < 6) return new Set();
  const cut = Math.max(6, 3 * values[Math.floor(values.length / 2)], values[Math.floor(values.length * 0.9)]);
  const center = new Set(data.center.map(String));
  return new Set([...degree].filter(([id, d]) => d >= cut && !center.has(id)).map(([id]) => id));
}

/** Communities of the answer's actors by label propagation (weighted by documents; deterministic:
 * nodes in id order, ties broken by the smaller label). Returns {of: Map(id -> index), legend}. */
export function communities(data) {
  const adj = new Map(data.nodes.map((n) => [String(n.id), new Map()]));
  for (const e of data.edges) {
    const a = String(e.source);
    const b = String(e.target);
    if (!adj.has(a) || !adj.has(b) || a === b) continue;
    adj.get(a).set(b, (adj.get(a).get(b) || 0) + e.weight);
    adj.get(b).set(a, (adj.get(b).get(a) || 0) + e.weight);
  }
  const ids = [...adj.keys()].sort();
  const label = new Map(ids.map((id) => [id, id]));
  for (let round = 0; round < 20; round += 1) {
    let changed = false;
    for (const id of ids) {
      const score = new Map();
      for (const [n, w] of adj.get(id)) score.set(label.get(n), (score.get(label.get(n)) || 0) + w);
      let best = label.get(id);
      let bestScore = score.get(best) || 0;
      for (const [l, w] of score) if (w > bestScore || (w === bestScore && l < best)) [best, bestScore] = [l, w];
      if (best !== label.get(id)) {
        label.set(id, best);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const groups = new Map();
  for (const [id, l] of label) groups.set(l, [...(groups.get(l) || []), id]);
  const docs = new Map(data.nodes.map((n) => [String(n.id), n]));
  const ranked = [...groups.values()].sort((a, b) => b.length - a.length || (a[0] < b[0] ? -1 : 1));
  const of = new Map();
  const legendRows = [];
  ranked.forEach((members, i) => {
    for (const id of members) of.set(id, i);
    if (members.length > 1 && legendRows.length < 8) {
      const top = members.map((id) => docs.get(id)).sort((a, b) => b.documents - a.documents)[0];
      legendRows.push({ label: `${top.name}${members.length > 1 ? ` +${members.length - 1}` : ''}`, color: communityColor(i, members.length) });
    }
  });
  return { of, sizes: ranked.map((m) => m.length), legend: legendRows };
}

/** The months (YYYY-MM) the answer's ties were stated in, oldest first. */
export function monthsOf(edges) {
  const months = new Set();
  for (const e of edges) for (const d of [e.first, e.last]) if (d && d.length >= 7) months.add(d.slice(0, 7));
  return [...months].sort();
}

/** What the controls ask for, from the URL (hide=places,states,hubs; min_weight; min_conf; color; from; to). */
function readView() {
  const p = new URLSearchParams(window.location.search);
  const hide = new Set((p.get('hide') || '').split(',').filter(Boolean));
  return {
    places: hide.has('places'),
    states: hide.has('states'),
    hubs: hide.has('hubs'),
    minWeight: Math.max(1, Number(p.get('min_weight')) || 1),
    minConf: Math.min(1, Math.max(0, Number(p.get('min_conf')) || 0)),
    color: p.get('color') === 'community' ? 'community' : 'kind',
    from: p.get('from') || '',
    to: p.get('to') || '',
  };
}

function writeView(view) {
  const url = new URL(window.location.href);
  const hide = ['places', 'states', 'hubs'].filter((k) => view[k]);
  const set = (k, v, dflt) => (v && v !== dflt ? url.searchParams.set(k, String(v)) : url.searchParams.delete(k));
  set('hide', hide.join(','), '');
  set('min_weight', view.minWeight, 1);
  set('min_conf', view.minConf, 0);
  set('color', view.color, 'kind');
  set('from', view.from, '');
  set('to', view.to, '');
  window.history.replaceState(null, '', url);
}

/** Which edges and actors the controls keep: {edges: Set(edge id), nodes: Set(actor id)}. */
export function visibleParts(data, view, hubs) {
  const center = new Set(data.center.map(String));
  const kinds = new Map(data.nodes.map((n) => [String(n.id), n.kind]));
  const out = (id) =>
    !center.has(id) && ((view.places && kinds.get(id) === 'place') || (view.states && kinds.get(id) === 'state') || (view.hubs && hubs.has(id)));
  const edges = new Set();
  const nodes = new Set([...center].filter((id) => kinds.has(id)));
  for (const e of data.edges) {
    const a = String(e.source);
    const b = String(e.target);
    if (out(a) || out(b) || e.weight < view.minWeight) continue;
    if (typeof e.confidence === 'number' && e.confidence < view.minConf) continue;
    if (e.first && view.to && e.first.slice(0, 7) > view.to) continue;
    if (e.last && view.from && e.last.slice(0, 7) < view.from) continue;
    edges.add(e.id);
    nodes.add(a);
    nodes.add(b);
  }
  return { edges, nodes };
}

function graphControls(data, view, hubs, months, onChange) {
  const kinds = new Map();
  for (const n of data.nodes) kinds.set(n.kind, (kinds.get(n.kind) || 0) + 1);
  const check = (key, label, count) => {
    const box = h('input', { type: 'checkbox', name: `hide-${key}`, id: `hide-${key}`, disabled: !count });
    box.checked = view[key];
    box.addEventListener('change', () => onChange({ [key]: box.checked }));
    return h('label', { class: 'check', for: `hide-${key}` }, box, ` ${label} `, h('span', { class: 'muted' }, `(${count})`));
  };
  const maxWeight = Math.max(1, ...data.edges.map((e) => e.weight));
  const weight = h('input', { type: 'number', name: 'min-weight', id: 'min-weight', min: 1, max: maxWeight, step: 1, value: view.minWeight });
  weight.addEventListener('change', () => onChange({ minWeight: Math.max(1, Number(weight.value) || 1) }));
  const confOut = h('output', { for: 'min-conf', class: 'muted' }, view.minConf.toFixed(2));
  const conf = h('input', { type: 'range', name: 'min-conf', id: 'min-conf', min: 0, max: 1, step: 0.05, value: view.minConf });
  conf.addEventListener('input', () => {
    confOut.textContent = Number(conf.value).toFixed(2);
  });
  conf.addEventListener('change', () => onChange({ minConf: Number(conf.value) }));
  const color = h('select', { name: 'color', id: 'color-by' }, h('option', { value: 'kind' }, 'actor kind'), h('option', { value: 'community' }, 'community'));
  color.value = view.color;
  color.addEventListener('change', () => onChange({ color: color.value }));
  let dates = null;
  if (months.length > 1) {
    const last = months.length - 1;
    const fromIdx = Math.max(0, view.from ? months.findIndex((m) => m >= view.from) : 0);
    const toIdx = view.to ? Math.max(0, months.length - 1 - [...months].reverse().findIndex((m) => m <= view.to)) : last;
    const from = h('input', { type: 'range', name: 'from', id: 'date-from', min: 0, max: last, step: 1, value: fromIdx, 'aria-label': 'From month' });
    const to = h('input', { type: 'range', name: 'to', id: 'date-to', min: 0, max: last, step: 1, value: Math.min(last, toIdx), 'aria-label': 'To month' });
    const shown = h('output', { class: 'muted', id: 'date-range' });
    const text = () => {
      shown.textContent = `${months[Number(from.value)]} – ${months[Number(to.value)]}`;
    };
    const changed = (moved) => {
      if (Number(from.value) > Number(to.value)) (moved === from ? to : from).value = moved.value;
      text();
    };
    from.addEventListener('input', () => changed(from));
    to.addEventListener('input', () => changed(to));
    const commit = () => onChange({ from: Number(from.value) > 0 ? months[Number(from.value)] : '', to: Number(to.value) < last ? months[Number(to.value)] : '' });
    from.addEventListener('change', commit);
    to.addEventListener('change', commit);
    text();
    dates = h('div', { class: 'control control-dates' }, h('span', { class: 'control-label' }, 'Dates'), h('div', { class: 'range-pair' }, from, to), shown);
  }
  return h(
    'form',
    { class: 'graph-controls', id: 'graph-controls', onsubmit: (evt) => evt.preventDefault() },
    h('div', { class: 'control' }, h('span', { class: 'control-label' }, 'Hide'), check('places', 'places', kinds.get('place') || 0), check('states', 'states', kinds.get('state') || 0), check('hubs', 'hubs', hubs.size)),
    h('label', { class: 'control', for: 'min-weight' }, h('span', { class: 'control-label' }, 'Min. documents'), weight),
    h('label', { class: 'control', for: 'min-conf' }, h('span', { class: 'control-label' }, 'Min. confidence'), conf, confOut),
    h('label', { class: 'control', for: 'color-by' }, h('span', { class: 'control-label' }, 'Colour by'), color),
    dates,
  );
}

async function show(box, values) {
  clear(box);
  append(box, h('p', { class: 'loading' }, 'Loading the network…'));
  loadCytoscape().catch(() => null); // the graph library loads while the answer is on its way
  const params = { ...values };
  let body;
  let data;
  try {
    body = await get('/network', params);
    data = normaliseNetwork(body);
  } catch (err) {
    append(clear(box), err.status === 409 ? candidates(box, values, err) : notice(err.message, 'error'));
    return;
  }
  clear(box);
  const threshold = body.confidence_threshold;
  append(box, hiddenNotice(body, toggler(box, values)));
  if (!data.edges.length) {
    append(box, notice(values.actor ? `No ties found around “${values.actor}” with these filters.` : 'No ties in the store with these filters.'));
    return;
  }
  const view = readView();
  const hubs = hubIds(data);
  const months = monthsOf(data.edges);
  const groups = communities(data);
  const colorOf = (n) => (view.color === 'community' ? communityColor(groups.of.get(String(n.id)), groups.sizes[groups.of.get(String(n.id))]) : kindColor(n.kind));
  const graph = h('div', { class: 'graph', id: 'graph' });
  const side = h('aside', { class: 'graph-side', id: 'evidence' }, h('h2', {}, 'Evidence'), notice('Click a line (or a row below) to read the sentences that state the tie, with who says so and where.'));
  let cy = null;
  const pick = (edge) => {
    append(clear(side), h('h2', {}, 'Evidence'), evidenceList(edge));
    selectEdge(cy, edge.id);
  };
  const count = h('p', { class: 'muted', id: 'network-count' });
  const legendBox = h('div', { id: 'legend-box' });
  // the table of every tie is filled once the graph is painted, a slice per frame (it is below the
  // fold, and a hundred rows cost as much as drawing the graph)
  const tableCard = h('section', { class: 'card', id: 'ties-card' }, h('h2', {}, 'Ties'), h('p', { class: 'loading' }, 'Listing the ties…'));
  let table = null;
  const drawLegend = () => append(clear(legendBox), legend(data.edges, view.color === 'community' ? { communities: groups } : { nodes: data.nodes }));
  const apply = ({ relayout = true, redraw = true } = {}) => {
    const keep = visibleParts(data, view, hubs);
    const drawn = cy ? cy.nodes().length : data.nodes.length;
    if (cy && redraw) {
      cy.batch(() => {
        cy.nodes().forEach((n) => (keep.nodes.has(n.id()) ? n.removeClass('off') : n.addClass('off')));
        cy.edges().forEach((e) => (keep.edges.has(e.id()) ? e.removeClass('off') : e.addClass('off')));
        cy.nodes().forEach((n) => n.data('color', colorOf(nodesById.get(n.id()))));
      });
      if (relayout) cy.newsgraph.relayout();
      else declutter(cy);
    }
    if (table) for (const row of table.querySelectorAll('tr.tie-row')) row.hidden = !keep.edges.has(row.dataset.edge);
    const shown = cy ? cy.nodes().filter((n) => !n.hasClass('off')).length : keep.nodes.size;
    count.textContent = `${plural(shown, 'actor')} of ${drawn}, ${plural(keep.edges.size, 'tie')} of ${data.edges.length} shown${body.truncated ? ` (the ${data.edges.length} most relevant ties; more with “Ties”)` : ''}`;
    drawLegend();
  };
  const nodesById = new Map(data.nodes.map((n) => [String(n.id), n]));
  const controls = graphControls(data, view, hubs, months, (change) => {
    const recolourOnly = Object.keys(change).every((k) => k === 'color');
    Object.assign(view, change);
    writeView(view);
    apply({ relayout: !recolourOnly });
  });
  append(
    box,
    controls,
    count,
    legendBox,
    h('div', { class: 'graph-layout' }, graph, side),
    tableCard,
  );
  try {
    cy = await drawGraph(graph, data, {
      colors: colorOf,
      onEdge: pick,
      onNode: (node) => append(clear(side), h('h2', {}, 'Actor'), nodeCard(node)),
    });
  } catch (err) {
    append(clear(graph), notice(err.message, 'error'));
  }
  // drawn as asked: a view from the URL that hides something is laid out again; otherwise as drawn
  const filtered = view.places || view.states || view.hubs || view.minWeight > 1 || view.minConf > 0 || view.from || view.to;
  apply({ relayout: Boolean(filtered), redraw: Boolean(filtered) });
  const ties = tiesTable(data, pick, threshold);
  append(clear(tableCard), h('h2', {}, 'Ties'), ties.element);
  await ties.filled;
  table = ties.table;
  apply({ redraw: false });
}

export async function renderNetwork(app) {
  document.title = 'Network · newsgraph';
  const values = {};
  for (const key of FIELDS) if (param(key)) values[key] = param(key);
  const box = h('div', { id: 'network' });
  clear(app);
  append(
    app,
    h('section', { class: 'hero compact' }, h('h1', {}, 'Network'), h('p', { class: 'lead' }, 'Who is tied to whom, through which events, relations and claims. ', h('a', { href: '/communities', id: 'communities-link' }, 'Communities and the most central actors →')), filterForm(values, (next) => {
      const url = new URL(window.location.href);
      url.search = new URLSearchParams(next).toString();
      window.history.replaceState(null, '', url);
      show(box, next);
    })),
    box,
  );
  await show(box, values);
}
