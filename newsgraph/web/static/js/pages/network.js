// The network view: the strongest ties of the store, or an actor's neighbourhood, drawn with
// cytoscape. Edges coloured by type, dashed when hedged or only claimed; a click on an edge (in the
// graph or the list below it) lists its evidence sentences with speaker and source. Ties come from
// facts at or above the confidence threshold; the page says how many facts that hides and offers to
// show them, faded.

import { get } from '../api.js';
import { append, badge, clear, confidenceProps, confidenceText, h, hiddenNotice, notice, param, plural } from '../dom.js';
import { drawGraph, evidenceList, legend, lineStyle, nodeCard, normaliseNetwork, selectEdge } from '../graph.js';
import { typeColor } from '../colors.js';

const FIELDS = ['actor', 'depth', 'since', 'until', 'type', 'limit', 'min_confidence'];

function filterForm(values, onSubmit) {
  const field = (name, label, attrs) =>
    h('label', { class: 'field' }, h('span', {}, label), h('input', { name, value: values[name] || '', ...attrs }));
  const form = h(
    'form',
    { class: 'filters', id: 'network-filters' },
    field('actor', 'Actor', { type: 'search', placeholder: 'name, alias or #id', size: 22 }),
    field('depth', 'Depth', { type: 'number', min: 1, max: 4, placeholder: '1' }),
    field('since', 'Since', { type: 'text', placeholder: 'YYYY-MM-DD', size: 11 }),
    field('until', 'Until', { type: 'text', placeholder: 'YYYY-MM-DD', size: 11 }),
    field('type', 'Type', { type: 'text', placeholder: 'CONSULT, member_of, says…', size: 16 }),
    field('limit', 'Ties', { type: 'number', min: 1, max: 1000, placeholder: '100' }),
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
    onSubmit(next);
  });
  return form;
}

function tiesTable(data, onPick, threshold) {
  const rows = [...data.edges].sort((a, b) => b.weight - a.weight);
  const body = h('tbody');
  for (const e of rows) {
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
    append(body, tr);
  }
  return h(
    'table',
    { class: 'ties', id: 'ties' },
    h('thead', {}, h('tr', {}, ['From', 'Tie', 'To', 'Modality', 'Docs', 'Confidence', 'Dates'].map((t) => h('th', {}, t)))),
    body,
  );
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

async function show(box, values) {
  clear(box);
  append(box, h('p', { class: 'loading' }, 'Loading the network…'));
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
  const graph = h('div', { class: 'graph', id: 'graph' });
  const side = h('aside', { class: 'graph-side', id: 'evidence' }, h('h2', {}, 'Evidence'), notice('Click a line (or a row below) to read the sentences that state the tie, with who says so and where.'));
  let cy = null;
  const pick = (edge) => {
    append(clear(side), h('h2', {}, 'Evidence'), evidenceList(edge));
    selectEdge(cy, edge.id);
  };
  append(
    box,
    h('p', { class: 'muted', id: 'network-count' }, `${plural(data.nodes.length, 'actor')}, ${plural(data.edges.length, 'tie')}`),
    legend(data.edges),
    h('div', { class: 'graph-layout' }, graph, side),
    h('section', { class: 'card' }, h('h2', {}, 'Ties'), tiesTable(data, pick, threshold)),
  );
  try {
    cy = await drawGraph(graph, data, {
      onEdge: pick,
      onNode: (node) => append(clear(side), h('h2', {}, 'Actor'), nodeCard(node)),
    });
  } catch (err) {
    append(clear(graph), notice(err.message, 'error'));
  }
}

export async function renderNetwork(app) {
  document.title = 'Network · newsgraph';
  const values = {};
  for (const key of FIELDS) if (param(key)) values[key] = param(key);
  const box = h('div', { id: 'network' });
  clear(app);
  append(
    app,
    h('section', { class: 'hero compact' }, h('h1', {}, 'Network'), h('p', { class: 'lead' }, 'Who is tied to whom, through which events, relations and claims.'), filterForm(values, (next) => {
      const url = new URL(window.location.href);
      url.search = new URLSearchParams(next).toString();
      window.history.replaceState(null, '', url);
      show(box, next);
    })),
    box,
  );
  await show(box, values);
}
