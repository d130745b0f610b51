// Watchlist hits (/hits: by status and list, paged, the filters in the URL) and one hit
// (/hits/view?name=&list=&reference=): the actor screened, the list's entry, and the review in
// place: confirm, dismiss or reopen the hit, merge or split the actor (with the server's token).

import { get } from '../api.js';
import {
  actorUrl,
  append,
  badge,
  clear,
  facts,
  filterForm,
  h,
  hitUrl,
  notice,
  onUrlChange,
  pager,
  pageSize,
  param,
  plural,
  section,
  setUrlState,
  urlState,
} from '../dom.js';
import { correctionsSection, reviewerBar, watchlistSection } from '../review.js';

const PAGE = 20;
const FILTERS = ['status', 'list', 'name'];

function hitRow(hit) {
  return h(
    'li',
    { class: 'result hit-row', dataset: { status: hit.status, reference: hit.reference } },
    h('span', { class: ['badge', 'hit-status', `badge-hit-${hit.status}`] }, hit.status),
    ' ',
    badge(hit.list, 'watch'),
    ' ',
    h('a', { class: 'result-title', href: hitUrl(hit) }, hit.screened_name),
    h('span', { class: 'muted' }, ` matches ${hit.entry_name} · ${hit.reference} · score ${Number(hit.score).toFixed(2)} · ${plural(hit.documents, 'document')}`),
    hit.explanation ? h('p', { class: 'small muted' }, hit.explanation) : null,
  );
}

export async function renderHits(app) {
  document.title = 'Watchlist hits · newsgraph';
  const box = h('div', { id: 'hits-box' });
  const filterBox = h('div', { id: 'hits-filters-box' });
  clear(app);
  append(app, h('section', { class: 'hero compact' }, h('h1', {}, 'Watchlist hits'), h('p', { class: 'lead' }, 'Actors whose names match an entry of a loaded sanctions list (newsgraph screen --actors), best score first. Open one to confirm or dismiss it.'), filterBox), box);
  const show = async () => {
    const state = urlState();
    const go = (changes) => {
      setUrlState(changes);
      show();
    };
    append(
      clear(filterBox),
      filterForm(
        [
          { name: 'status', label: 'Status', type: 'select', options: [['open'], ['confirmed'], ['dismissed']] },
          { name: 'list', label: 'List', placeholder: 'un, ofac…', size: 8 },
          { name: 'name', label: 'Screened name', size: 16 },
        ],
        state,
        (values) => go({ ...values, offset: null }),
        'hit-filters',
      ),
    );
    let body;
    try {
      body = await get('/watchlist/hits', { limit: pageSize(state, PAGE), offset: state.offset, ...Object.fromEntries(FILTERS.map((k) => [k, state[k]])) });
    } catch (err) {
      append(clear(box), notice(err.message, 'error'));
      return;
    }
    append(
      clear(box),
      section(
        `Hits (${body.total.toLocaleString('en')})`,
        body.items.length ? h('ul', { class: 'results', id: 'hit-results' }, body.items.map(hitRow)) : notice('No hit matches. (Lists are loaded with `newsgraph watchlist load`; `newsgraph screen --actors` screens every actor.)'),
        pager({ total: body.total, offset: body.offset, limit: body.limit, shown: body.items.length }, (o) => go({ offset: o || null }), 'hits-pager'),
      ),
    );
  };
  onUrlChange(show);
  await show();
}

function entryFacts(entry) {
  if (!entry) return notice('The entry is no longer on the stored list (the list was loaded again without it).');
  return facts([
    ['Name', entry.name],
    ['Type', entry.type],
    ['Regime', entry.regime],
    ['Also', (entry.aliases || []).map((a) => a.name).join('; ')],
    ['Nationality', (entry.nationalities || []).join(', ')],
    ['Countries', (entry.countries || []).join(', ')],
    ['Listed on', entry.listed_on],
    ['Born', (entry.birth_dates || []).join(', ')],
    ['Reason', entry.reason],
  ]);
}

export async function renderHit(app, flash = null) {
  const wanted = { name: param('name'), list: param('list'), reference: param('reference') };
  const body = await get('/watchlist/hit', wanted);
  const hit = body.hit;
  const actor = body.actor;
  document.title = `${hit.screened_name} on ${hit.list} · newsgraph`;
  const details = actor ? await get(`/actors/${actor.id}`) : null;
  const reviewer = reviewerBar();
  clear(app);
  append(
    app,
    h(
      'section',
      { class: 'card', id: 'hit-head' },
      h('h1', {}, hit.screened_name, ' ', badge(hit.list, 'watch')),
      h(
        'p',
        {},
        actor
          ? ['Screened actor: ', h('a', { href: actorUrl(actor.id), id: 'hit-actor' }, actor.name), h('span', { class: 'muted' }, ` (${actor.kind}, ${plural(actor.documents, 'document')})`)]
          : h('span', { class: 'muted', id: 'hit-actor-none' }, 'The screened name names no one actor now (renamed, merged, or several answer to it).'),
      ),
      h('p', { class: 'muted' }, `Matched the list's name “${hit.matched_name}” · score ${Number(hit.score).toFixed(2)} · screened ${String(hit.screened_at).slice(0, 16).replace('T', ' ')}`),
      h('p', { class: 'reasons' }, hit.explanation),
    ),
    section(`The list's entry: ${hit.list} ${hit.reference}`, h('div', { id: 'hit-entry' }, entryFacts(body.entry))),
    flash,
    section('Review', reviewer.element),
    watchlistSection([hit], reviewer),
    details ? correctionsSection(details.actor, details.links, reviewer, (message) => renderHit(app, message)) : null,
  );
}
