// The home page (search box, the store's summary with the watchlist hits open, confirmed and
// dismissed, recent documents, most-cited actors) and the
// search results page (/search?q=): documents by full text, actors by name or alias.

import { get, items } from '../api.js';
import {
  ACTOR_KINDS,
  DATE_FIELDS,
  actorUrl,
  append,
  badge,
  clear,
  debounce,
  docTitle,
  docUrl,
  filterForm,
  h,
  notice,
  onUrlChange,
  pager,
  pageSize,
  param,
  plural,
  section,
  setUrlState,
  sourceField,
  urlState,
} from '../dom.js';

/** A search snippet, with the matched words (between [ ] or <b> </b> from the store) as <mark>. */
export function snippet(text) {
  const out = h('p', { class: 'snippet' });
  let marked = false;
  for (const part of String(text || '').split(/(\[|\]|<b>|<\/b>)/)) {
    if (part === '[' || part === '<b>') marked = true;
    else if (part === ']' || part === '</b>') marked = false;
    else if (part) append(out, marked ? h('mark', {}, part) : part);
  }
  return out;
}

function documentItem(d) {
  return h(
    'li',
    { class: 'result document-result' },
    h('a', { class: 'result-title', href: docUrl(d.id) }, docTitle(d)),
    h('span', { class: 'muted' }, [d.published, d.source].filter(Boolean).join(' · ') || 'undated'),
    d.snippet ? snippet(d.snippet) : null,
  );
}

function actorItem(a) {
  const aliases = a.aliases.slice(0, 4);
  return h(
    'li',
    { class: 'result actor-result' },
    h('a', { class: 'result-title', href: actorUrl(a.id) }, a.name),
    ' ',
    badge(a.kind, a.kind),
    a.country ? h('span', { class: 'muted' }, ` ${a.country}`) : null,
    h('span', { class: 'muted' }, ` · ${plural(a.documents, 'document')}`),
    aliases.length ? h('p', { class: 'aliases' }, 'also: ', aliases.join(', ')) : null,
  );
}

function searchForm(value, onInput) {
  const input = h('input', {
    type: 'search',
    name: 'q',
    value,
    placeholder: 'A name, a place, words from a story…',
    'aria-label': 'Search documents and actors',
    autocomplete: 'off',
    id: 'q',
  });
  if (onInput) input.addEventListener('input', debounce(() => onInput(input.value.trim()), 250));
  return h('form', { class: 'search-form', action: '/search', method: 'get', role: 'search' }, input, h('button', { type: 'submit' }, 'Search'));
}

const PAGE = 20;

/** Results of one query into ``box``: actors and documents side by side, each a page of its own
 * (``offset``, ``actor_offset``) with how many there are in all, filtered by ``filters`` (since,
 * until, source for documents; kind for actors). ``go(changes)`` moves to other pages or filters. */
async function showResults(box, q, filters = {}, go = null) {
  clear(box);
  if (!q) return;
  append(box, h('p', { class: 'loading' }, 'Searching…'));
  let body;
  try {
    body = await get('/search', { q, ...filters, limit: pageSize(filters, PAGE) });
  } catch (err) {
    clear(box);
    append(box, notice(err.message, 'error'));
    return;
  }
  const { documents, actors } = body;
  const move = go || ((changes) => showResults(box, q, { ...filters, ...changes }, null));
  clear(box);
  append(
    box,
    h(
      'div',
      { class: 'columns' },
      section(
        `Actors (${body.actors_total.toLocaleString('en')})`,
        actors.length ? h('ul', { class: 'results', id: 'actor-results' }, actors.map(actorItem)) : notice(`No actor is named like “${q}”${filters.kind ? ` of kind ${filters.kind}` : ''}.`),
        body.actors_total > actors.length || body.actor_offset ? pager({ total: body.actors_total, offset: body.actor_offset, limit: body.limit, shown: actors.length }, (o) => move({ actor_offset: o || null }), 'actor-pager') : null,
      ),
      section(
        `Documents (${body.documents_total.toLocaleString('en')})`,
        documents.length
          ? h('ul', { class: 'results', id: 'document-results' }, documents.map(documentItem))
          : notice(`No document contains “${q}”${filters.since || filters.until || filters.source ? ' with these filters' : ''}.`),
        body.documents_total > documents.length || body.offset ? pager({ total: body.documents_total, offset: body.offset, limit: body.limit, shown: documents.length }, (o) => move({ offset: o || null }), 'document-pager') : null,
      ),
    ),
  );
}

function stat(label, value, sub, key) {
  return h('div', { class: 'stat', dataset: key ? { stat: key } : null }, h('span', { class: 'stat-value' }, value), h('span', { class: 'stat-label' }, label), sub ? h('span', { class: 'muted' }, sub) : null);
}

function summaryCards(s) {
  const n = (x) => Number(x || 0).toLocaleString('en');
  const sources = Object.keys(s.sources).length;
  const range = s.first || s.last ? `${s.first || '?'} – ${s.last || '?'}` : 'no dates';
  const review = s.watchlist_review || {};
  return h(
    'div',
    { class: 'stats', id: 'summary' },
    stat('documents', n(s.documents), range),
    stat('words', n(s.words)),
    stat('sources', n(sources)),
    stat('entities', n(s.entities)),
    stat('claims', n(s.claims)),
    stat('events', n(s.events)),
    stat('relations', n(s.relations)),
    stat('actors', n(s.actors)),
    // watchlist hits as reviewed: what still needs a look apart from what an analyst settled
    stat('open watchlist hits', n(review.open), 'to review', 'hits-open'),
    stat('confirmed hits', n(review.confirmed), null, 'hits-confirmed'),
    stat('dismissed hits', n(review.dismissed), null, 'hits-dismissed'),
  );
}

export async function renderHome(app) {
  document.title = 'newsgraph';
  const results = h('div', { id: 'results' });
  const [summary, docs, actors] = await Promise.all([
    get('/summary'),
    get('/documents', { limit: 10 }),
    get('/actors', { limit: 12 }).catch(() => ({ items: [] })),
  ]);
  clear(app);
  append(
    app,
    h(
      'section',
      { class: 'hero' },
      h('h1', {}, 'What the news says, and who says it'),
      h('p', { class: 'lead' }, 'Search the stored stories and the actors in them; every tie in the network leads back to its sentence and its speaker.'),
      searchForm(param('q'), (q) => showResults(results, q)),
    ),
    summaryCards(summary),
    results,
  );
  if (!summary.documents) {
    append(app, notice('The store is empty: run `newsgraph ingest samples/` (or `bash run demo`) and reload.', 'info'));
    return;
  }
  append(
    app,
    h(
      'div',
      { class: 'columns' },
      section(
        'Recent documents',
        h('ul', { class: 'results' }, items(docs).map(documentItem)),
        docs.total > items(docs).length ? h('p', { class: 'muted' }, `${plural(docs.total, 'document')} in all`) : null,
      ),
      section(
        'Actors',
        items(actors).length ? h('ul', { class: 'results' }, items(actors).map(actorItem)) : notice('No actors yet.'),
        h('p', { class: 'more-links' }, h('a', { href: '/network' }, 'See how they are tied →'), h('a', { href: '/map' }, 'Where and when things happened →')),
      ),
    ),
  );
}

const SEARCH_FILTERS = ['since', 'until', 'source', 'kind', 'offset', 'actor_offset', 'limit'];

/** /search?q=&since=&until=&source=&kind=&offset=&actor_offset=: the filters and pages live in the URL. */
export async function renderSearch(app) {
  const q = param('q').trim();
  document.title = q ? `${q} · newsgraph` : 'Search · newsgraph';
  const results = h('div', { id: 'results' });
  const filterBox = h('div', { id: 'search-filters-box' });
  clear(app);
  append(app, h('section', { class: 'hero compact' }, h('h1', {}, q ? `Search: ${q}` : 'Search'), searchForm(q), filterBox), results);
  if (!q) {
    append(results, notice('Type a name, a place or words from a story.'));
    return;
  }
  const sources = await get('/sources').catch(() => ({ items: [] }));
  const show = async () => {
    const state = urlState();
    const filters = Object.fromEntries(SEARCH_FILTERS.filter((k) => state[k]).map((k) => [k, state[k]]));
    const apply = (changes) => {
      setUrlState(changes);
      show();
    };
    append(
      clear(filterBox),
      filterForm(
        [...DATE_FIELDS, sourceField(sources.items), { name: 'kind', label: 'Actor kind', type: 'select', options: ACTOR_KINDS.map((k) => [k]) }],
        filters,
        (values) => apply({ ...values, offset: null, actor_offset: null }),
        'search-filters',
      ),
    );
    await showResults(results, q, filters, apply);
  };
  onUrlChange(show);
  await show();
}
