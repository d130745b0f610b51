// One actor: names, kind, places, attributes, watchlist matches with their reasons and their review
// (confirm or dismiss each, merge or split the actor: review.js), the timeline of its events and
// claims, and its network neighbourhood (click an edge for the evidence). Both leave out facts
// under the confidence threshold, say how many, and can show them (faded).

import { get, items } from '../api.js';
import {
  CONFIDENCE_FIELD,
  DATE_FIELDS,
  MODALITIES,
  append,
  badge,
  clear,
  confidenceProps,
  confidenceText,
  docTitle,
  docUrl,
  facts,
  filterForm,
  h,
  hiddenNotice,
  notice,
  onPage,
  onUrlChange,
  pager,
  pageSize,
  pathId,
  pathUrl,
  plural,
  section,
  setUrlState,
  sourceField,
  urlState,
  withQuery,
} from '../dom.js';
import { MAX_NODES_SMALL, drawGraph, evidenceList, legend, loadCytoscape, nodeCard, normaliseNetwork } from '../graph.js';
import { correctionsSection, reviewerBar, watchlistSection } from '../review.js';

/** An actor's place ({name, lat, lon, country, ...}) as "Kenya — KE 1.00, 38.00". */
function placeText(p) {
  const where = [p.country, `${Number(p.lat).toFixed(2)}, ${Number(p.lon).toFixed(2)}`].filter(Boolean).join(' ');
  return `${p.name} — ${where}`;
}

/** Names from a list or a {name: count} object, most used first. */
export function names(value, except) {
  if (!value) return [];
  const list = Array.isArray(value) ? value : Object.entries(value).sort((a, b) => b[1] - a[1]).map(([k]) => k);
  return list.filter((n) => n && n !== except);
}

/** Attributes as "role: Prime Minister; nationality: PK"; values may be {value: count} objects. */
function attributesText(attributes, skip = ['name', 'kind', 'country']) {
  if (!attributes) return null;
  const entries = Object.entries(attributes)
    .filter(([k]) => !skip.includes(k))
    .map(([k, v]) => `${k.replace(/_/g, ' ')}: ${Array.isArray(v) ? v.join(', ') : v && typeof v === 'object' ? names(v).join(', ') : v}`);
  return entries.length ? entries.join('; ') : null;
}

const PAGE = 20;
/** The URL parameters of the actor page's lists: shared filters, the timeline's own, and each list's page. */
const SHARED = ['since', 'until', 'source'];
const TIMELINE = ['kind', 'type', 'modality', 'min_confidence'];

/** Where the actor is named (a page of GET /api/actors/ID/documents), and how each mention was
 * tied to it (the resolver's reason). */
async function mentionsInto(box, id, state, go) {
  let body;
  try {
    body = await get(`/actors/${encodeURIComponent(id)}/documents`, { limit: pageSize(state, PAGE), offset: state.named_offset, since: state.since, until: state.until, source: state.source });
  } catch (err) {
    append(clear(box), section('Named in', notice(err.message, 'error')));
    return;
  }
  const list = h('ul', { class: 'results', id: 'actor-documents' });
  for (const l of body.items) {
    append(
      list,
      h(
        'li',
        { class: 'result' },
        h('a', { class: 'result-title', href: docUrl(l.document) }, docTitle(l)),
        h('span', { class: 'muted' }, [l.published, l.name !== undefined ? `as “${l.name}”` : null].filter(Boolean).join(' · ')),
        l.reason ? h('p', { class: 'small muted' }, `${l.method ? l.method + ': ' : ''}${l.reason}`) : null,
      ),
    );
  }
  append(
    clear(box),
    section(
      `Named in (${body.total.toLocaleString('en')})`,
      body.items.length ? list : notice('No document naming this actor matches the filters.'),
      pager({ total: body.total, offset: body.offset, limit: body.limit, shown: body.items.length }, (o) => go({ named_offset: o || null }), 'named-pager'),
    ),
  );
}

function timelineSection(body, onToggle, go) {
  const rows = items(body);
  const note = hiddenNotice(body, onToggle);
  const paging = pager({ total: body.total, offset: body.offset, limit: body.limit, shown: rows.length }, (o) => go({ tl_offset: o || null }), 'timeline-pager');
  if (!rows.length) return section('Timeline (0)', note, notice('No dated events or claims for this actor match the filters.'), paging);
  const list = h('ol', { class: 'timeline', id: 'actor-timeline' });
  for (const t of rows) {
    const kindLabel = t.kind === 'said' ? 'says' : t.kind === 'mentioned' ? 'is spoken of' : t.type || t.kind;
    const conf = confidenceProps(t.confidence, body.confidence_threshold);
    append(
      list,
      h(
        'li',
        { class: ['tl-item', `tl-${t.kind}`, conf.class], title: conf.title },
        h('span', { class: 'tl-date' }, t.date || 'undated'),
        h(
          'div',
          { class: 'tl-body' },
          h('div', {}, badge(kindLabel, t.kind === 'event' ? 'type' : 'claimkind'), t.type && t.kind !== 'event' && t.type !== t.kind ? [' ', badge(t.type, 'plain')] : null, t.modality && t.modality !== 'asserted' ? [' ', badge(t.modality, t.modality)] : null, t.role ? h('span', { class: 'muted' }, ` as ${t.role}`) : null, t.location ? h('span', { class: 'muted' }, ` · in ${t.location}`) : null),
          h('p', { class: 'tl-text' }, t.speaker_name && t.kind !== 'said' ? h('span', { class: 'speaker' }, `${t.speaker_name}: `) : null, t.text, onPage(t)),
          t.others.length ? h('p', { class: 'small muted' }, t.others.join(' · ')) : null,
          h('p', { class: 'small muted' }, t.outlet ? [t.outlet, ' · '] : null, h('a', { href: docUrl(t.document) }, docTitle(t)), ` · confidence ${confidenceText(t.confidence)}`),
        ),
      ),
    );
  }
  return section(`Timeline (${body.total.toLocaleString('en')})`, note, list, paging);
}

async function timelineInto(box, id, state, go) {
  let t;
  const params = { limit: pageSize(state, PAGE), offset: state.tl_offset, ...Object.fromEntries([...SHARED, ...TIMELINE].map((k) => [k, state[k]])) };
  try {
    t = await get(`/actors/${encodeURIComponent(id)}/timeline`, params);
  } catch (err) {
    append(clear(box), section('Timeline', notice(err.message, 'error')));
    return;
  }
  append(clear(box), timelineSection(t, (min) => go({ min_confidence: min === null ? null : String(min), tl_offset: null }), go));
}

/** The actor's neighbourhood as drawn: only the actors the graph shows (the API keeps the best tied). */
function fetchNeighbourhood(id, minConfidence = null) {
  return get(`/actors/${encodeURIComponent(id)}/network`, { depth: 1, nodes: MAX_NODES_SMALL, min_confidence: minConfidence });
}

async function neighbourhood(box, id, minConfidence = null, fetched = null) {
  let body;
  let data;
  clear(box);
  try {
    body = await (fetched || fetchNeighbourhood(id, minConfidence));
    data = normaliseNetwork(body);
  } catch (err) {
    append(box, notice(err.message, 'error'));
    return;
  }
  append(box, hiddenNotice(body, (min) => neighbourhood(box, id, min)));
  if (!data.edges.length) {
    append(box, notice('No ties to other actors yet.'));
    return;
  }
  if (!data.center.length) data.center = [id];
  const graph = h('div', { class: 'graph graph-small', id: 'graph' });
  const side = h('div', { class: 'graph-side', id: 'evidence' }, notice('Click a line to see the sentences that state the tie; click a dot for the actor.'));
  append(box, legend(data.edges), h('div', { class: 'graph-layout' }, graph, side));
  try {
    await drawGraph(graph, data, {
      layout: 'concentric',
      onEdge: (edge) => append(clear(side), evidenceList(edge)),
      onNode: (node) => append(clear(side), nodeCard(node)),
    });
  } catch (err) {
    append(clear(graph), notice(err.message, 'error'));
  }
  if (data.nodes.length >= MAX_NODES_SMALL) {
    // the API kept the best-tied neighbours only: the network page has them all
    const all = h('a', { href: withQuery('/network', { actor: `#${id}` }) }, 'All its ties on the network page →');
    append(box, h('p', { class: 'muted small graph-capped' }, `Drawn: the ${data.nodes.length} actors most tied to this one. `, all));
  }
}

export async function renderActor(app, flash = null) {
  const id = pathId('/actors/');
  // the neighbourhood and the graph library are fetched while the actor is: the graph is the
  // slowest part of the page
  const network = fetchNeighbourhood(id);
  network.catch(() => null); // an unknown actor: the page says so below
  loadCytoscape().catch(() => null);
  const [body, sources] = await Promise.all([get('/actors/' + encodeURIComponent(id)), get('/sources').catch(() => ({ items: [] }))]);
  const a = body.actor;
  document.title = `${a.name} · newsgraph`;
  const places = a.places.map(placeText);
  const roles = names(a.roles);
  const networkBox = h('div', { id: 'neighbourhood' });
  const reviewer = reviewerBar();
  const timelineBox = h('div', { id: 'timeline-box' }, h('p', { class: 'loading' }, 'Loading the timeline…'));
  const mentionsBox = h('div', { id: 'mentions-box' }, h('p', { class: 'loading' }, 'Loading the documents…'));
  const filterBox = h('section', { class: 'card', id: 'actor-filters-box' });
  const ref = '#' + a.id;
  clear(app);
  append(
    app,
    h(
      'section',
      { class: 'card actor-head' },
      h('h1', { id: 'actor-name' }, a.name, ' ', badge(a.kind || 'actor', a.kind)),
      facts([
        ['Also named', a.aliases.join(', ')],
        ['Country', a.country],
        ['Roles', roles.join(', ')],
        ['Places', places.join('; ')],
        ['Attributes', attributesText(a.attributes, ['name', 'kind', 'country', 'role', 'roles'])],
        ['Documents', `${plural(a.documents, 'document')}${a.mentions ? `, ${plural(a.mentions, 'mention')}` : ''}`],
        ['Seen', a.first_seen || a.last_seen ? `${a.first_seen || '?'} – ${a.last_seen || '?'}` : null],
      ]),
      h(
        'p',
        { class: 'more-links', id: 'actor-links' },
        h('a', { href: '/network?actor=' + encodeURIComponent(ref) + '&depth=2' }, 'Network →'),
        h('a', { href: withQuery('/events', { actor_id: a.id, min_confidence: 0 }), id: 'actor-events-link' }, 'Its events →'),
        h('a', { href: withQuery('/claims', { actor_id: a.id, min_confidence: 0 }), id: 'actor-claims-link' }, 'What it says →'),
        h('a', { href: withQuery('/trends', { actor: ref }), id: 'actor-trends-link' }, 'Trends →'),
        h('a', { href: pathUrl(ref, ''), id: 'actor-path-link' }, 'Path to… →'),
      ),
    ),
    flash,
    section('Review', reviewer.element),
    watchlistSection(body.watchlist, reviewer),
    section('Network neighbourhood', networkBox),
    filterBox,
    timelineBox,
    mentionsBox,
    correctionsSection(a, body.links, reviewer, (message) => renderActor(app, message)),
  );
  const lists = async () => {
    const state = urlState();
    const go = (changes) => {
      setUrlState(changes);
      lists();
    };
    append(
      clear(filterBox),
      h('h2', {}, 'Filter the timeline and the documents'),
      filterForm(
        [
          ...DATE_FIELDS,
          sourceField(sources.items),
          { name: 'kind', label: 'Timeline', type: 'select', options: [['event', 'events'], ['said', 'what it says'], ['mentioned', 'what is said of it']] },
          { name: 'type', label: 'Event type', placeholder: 'CONSULT', size: 9 },
          { name: 'modality', label: 'Modality', type: 'select', options: MODALITIES.map((m) => [m]) },
          CONFIDENCE_FIELD,
        ],
        state,
        (values) => go({ ...values, tl_offset: null, named_offset: null }),
        'actor-filters',
      ),
    );
    await Promise.all([timelineInto(timelineBox, a.id, state, go), mentionsInto(mentionsBox, a.id, state, go)]);
  };
  if (!flash) onUrlChange(lists);
  const listed = lists();
  await neighbourhood(networkBox, a.id, null, network);
  await listed;
}
