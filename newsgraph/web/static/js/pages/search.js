// The home page (search box, the store's summary with the watchlist hits open, confirmed and
// dismissed, recent documents, most-cited actors) and the
// search results page (/search?q=): documents by full text, actors by name or alias.

import { get, items } from '../api.js';
import { actorUrl, append, badge, clear, debounce, docUrl, h, notice, param, plural, section } from '../dom.js';

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
    h('a', { class: 'result-title', href: docUrl(d.id) }, d.title || `Untitled (${d.id})`),
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

/** Results of one query into ``box``: actors and documents side by side. */
async function showResults(box, q) {
  clear(box);
  if (!q) return;
  append(box, h('p', { class: 'loading' }, 'Searching…'));
  let body;
  try {
    body = await get('/search', { q });
  } catch (err) {
    clear(box);
    append(box, notice(err.message, 'error'));
    return;
  }
  const { documents, actors } = body;
  clear(box);
  append(
    box,
    h(
      'div',
      { class: 'columns' },
      section(
        `Actors (${actors.length})`,
        actors.length ? h('ul', { class: 'results', id: 'actor-results' }, actors.map(actorItem)) : notice(`No actor is named like “${q}”.`),
      ),
      section(
        `Documents (${documents.length})`,
        documents.length
          ? h('ul', { class: 'results', id: 'document-results' }, documents.map(documentItem))
          : notice(`No document contains “${q}”.`),
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

export async function renderSearch(app) {
  const q = param('q').trim();
  document.title = q ? `${q} · newsgraph` : 'Search · newsgraph';
  const results = h('div', { id: 'results' });
  clear(app);
  append(app, h('section', { class: 'hero compact' }, h('h1', {}, q ? `Search: ${q}` : 'Search'), searchForm(q)), results);
  if (q) await showResults(results, q);
  else append(results, notice('Type a name, a place or words from a story.'));
}
