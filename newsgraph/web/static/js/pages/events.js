// Events across the documents (/events: filtered, paged, the filters in the URL) and one event
// (/events/DOCUMENT:ID): its sentence, the actors of its arguments, its document, its story and the
// claim it is known through, each a link.

import { get } from '../api.js';
import { typeColor } from '../colors.js';
import {
  CONFIDENCE_FIELD,
  DATE_FIELDS,
  MODALITIES,
  actorUrl,
  append,
  badge,
  claimUrl,
  clear,
  confidenceProps,
  confidenceText,
  docTitle,
  docUrl,
  eventUrl,
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
  section,
  setUrlState,
  sourceField,
  storyUrl,
  urlState,
} from '../dom.js';

const PAGE = 20;
const FILTERS = ['type', 'actor', 'actor_id', 'where', 'since', 'until', 'modality', 'source', 'document', 'min_confidence'];

function argText(arg) {
  if (!arg) return '';
  if (Array.isArray(arg)) return arg.map(argText).filter(Boolean).join(', ');
  return arg.text || arg.name || '';
}

export function typeBadge(type) {
  const b = badge(type, 'type');
  b.style.backgroundColor = typeColor(type);
  b.style.color = '#fff';
  return b;
}

/** One event in a list: type, who -> whom, its sentence, date, outlet and document. */
export function eventRow(v, threshold) {
  const conf = confidenceProps(v.confidence, threshold);
  const who = argText(v.source);
  const whom = argText(v.target) || argText(v.participants);
  return h(
    'li',
    { class: ['result', 'event-row', conf.class], title: conf.title, dataset: { key: `${v.document}:${v.id}` } },
    h('div', {}, typeBadge(v.type), ' ', h('a', { class: 'result-title', href: eventUrl(v.document, v.id) }, `${who || '—'} → ${whom || '—'}`), v.modality && v.modality !== 'asserted' ? badge(v.modality, v.modality) : null),
    h('p', { class: 'snippet' }, v.sentence_text, onPage(v)),
    h(
      'p',
      { class: 'small muted' },
      [(v.date && v.date.value) || v.published || 'undated', v.location ? `in ${argText(v.location)}` : null, v.outlet].filter(Boolean).join(' · '),
      ' · ',
      h('a', { href: docUrl(v.document) }, docTitle(v)),
      ` · confidence ${confidenceText(v.confidence)}`,
    ),
  );
}

async function renderList(app) {
  document.title = 'Events · newsgraph';
  const sources = await get('/sources').catch(() => ({ items: [] }));
  const box = h('div', { id: 'events-box' });
  const filterBox = h('div', { id: 'events-filters-box' });
  clear(app);
  append(app, h('section', { class: 'hero compact' }, h('h1', {}, 'Events'), h('p', { class: 'lead' }, 'Who did what to whom, where and when, each with the sentence that states it.'), filterBox), box);
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
          { name: 'type', label: 'Event type', placeholder: 'CONSULT', size: 9 },
          { name: 'actor', label: 'Actor (as written)', size: 14 },
          { name: 'where', label: 'Where', size: 10 },
          ...DATE_FIELDS,
          { name: 'modality', label: 'Modality', type: 'select', options: MODALITIES.map((m) => [m]) },
          sourceField(sources.items),
          CONFIDENCE_FIELD,
        ],
        state,
        (values) => go({ ...values, offset: null }),
        'event-filters',
      ),
      state.actor_id ? h('p', { class: 'small muted', id: 'actor-filter' }, 'Only events of ', h('a', { href: actorUrl(state.actor_id) }, `actor #${state.actor_id}`), ' · ', h('button', { type: 'button', class: 'link-button', onclick: () => go({ actor_id: null, offset: null }) }, 'all actors')) : null,
      state.document ? h('p', { class: 'small muted' }, 'Only events of ', h('a', { href: docUrl(state.document) }, state.document), ' · ', h('button', { type: 'button', class: 'link-button', onclick: () => go({ document: null, offset: null }) }, 'all documents')) : null,
    );
    let body;
    try {
      body = await get('/events', { limit: pageSize(state, PAGE), offset: state.offset, ...Object.fromEntries(FILTERS.map((k) => [k, state[k]])) });
    } catch (err) {
      append(clear(box), notice(err.message, 'error'));
      return;
    }
    const note = hiddenNotice(body, (min) => go({ min_confidence: min === null ? null : String(min), offset: null }));
    append(
      clear(box),
      section(
        `Events (${body.total.toLocaleString('en')})`,
        note,
        body.items.length ? h('ul', { class: 'results', id: 'event-results' }, body.items.map((v) => eventRow(v, body.confidence_threshold))) : notice('No event matches these filters.'),
        pager({ total: body.total, offset: body.offset, limit: body.limit, shown: body.items.length }, (o) => go({ offset: o || null }), 'events-pager'),
      ),
    );
  };
  onUrlChange(show);
  await show();
}

/** The actors of a record's arguments: each a link to its actor, else as written. */
export function actorsList(actors, id) {
  if (!actors.length) return notice('No argument of it was resolved to an actor.');
  return h(
    'ul',
    { class: 'results', id },
    actors.map((x) => h('li', { class: 'result', dataset: { role: x.role } }, h('span', { class: 'muted' }, `${x.role.replace('_', ' ')}: `), x.actor !== null ? h('a', { class: 'result-title', href: actorUrl(x.actor) }, x.actor_name) : h('span', {}, x.text), x.actor !== null && x.text !== x.actor_name ? h('span', { class: 'muted' }, ` (as “${x.text}”)`) : null)),
  );
}

export function documentLine(d, story) {
  return h(
    'p',
    { class: 'record-context' },
    'In ',
    h('a', { href: docUrl(d.id), id: 'record-document' }, docTitle(d)),
    h('span', { class: 'muted' }, ` · ${[d.published, d.source].filter(Boolean).join(' · ') || 'undated'}`),
    story ? [' · story ', h('a', { href: storyUrl(story.id), id: 'record-story' }, `#${story.id} ${story.title || ''}`), h('span', { class: 'muted' }, ` (${story.articles} article${story.articles === 1 ? '' : 's'})`)] : null,
  );
}

async function renderOne(app) {
  const key = pathId('/events/');
  const body = await get('/events/' + encodeURIComponent(key));
  const v = body.event;
  document.title = `${v.type} · newsgraph`;
  const conf = confidenceProps(v.confidence, body.confidence_threshold);
  clear(app);
  append(
    app,
    h(
      'section',
      { class: ['card', 'record-head'], id: 'event-head', title: conf.title },
      h('h1', {}, typeBadge(v.type), ' ', `${argText(v.source) || '—'} → ${argText(v.target) || argText(v.participants) || '—'}`),
      h('blockquote', { class: 'sentence', id: 'event-sentence' }, v.sentence_text, onPage(v)),
      documentLine(body.document, body.story),
      conf.class ? h('p', { class: 'small under-threshold' }, `Confidence ${confidenceText(v.confidence)}: under the threshold ${confidenceText(body.confidence_threshold)}, so the lists hide it unless asked to show every fact.`) : null,
      facts([
        ['Trigger', v.trigger ? v.trigger.text : null],
        ['Mode', v.mode],
        ['CAMEO', v.cameo],
        ['Date', v.date && v.date.value],
        ['Where', argText(v.location)],
        ['Modality', v.modality],
        ['Confidence', confidenceText(v.confidence)],
      ]),
    ),
    section('Actors', actorsList(body.actors, 'event-actors')),
    body.claim
      ? section(
          'Known through a claim',
          h('p', {}, h('span', { class: 'speaker' }, `${body.claim.speaker_name || 'unattributed'}: `), h('a', { href: claimUrl(body.claim.document, body.claim.id), id: 'event-claim' }, body.claim.text)),
        )
      : null,
  );
}

export async function renderEvents(app) {
  return renderList(app);
}

export async function renderEvent(app) {
  return renderOne(app);
}
