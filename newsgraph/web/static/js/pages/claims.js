// Claims across the documents (/claims: who says what, filtered, paged, the filters in the URL) and
// one claim (/claims/DOCUMENT:ID): its speaker's actor, its document and story, and the events known
// through it.

import { get } from '../api.js';
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
  urlState,
} from '../dom.js';
import { actorsList, documentLine, eventRow } from './events.js';

const PAGE = 20;
const FILTERS = ['speaker', 'about', 'actor_id', 'since', 'until', 'modality', 'kind', 'source', 'document', 'min_confidence'];

function claimRow(c, threshold) {
  const conf = confidenceProps(c.confidence, threshold);
  return h(
    'li',
    { class: ['result', 'claim-row', conf.class], title: conf.title, dataset: { key: `${c.document}:${c.id}` } },
    h('div', {}, h('span', { class: 'speaker' }, c.speaker_name || 'unattributed'), c.cue ? h('span', { class: 'muted' }, ` ${c.cue.text}`) : null, ' ', badge(c.modality, c.modality), ' ', badge(c.kind, 'plain')),
    h('p', { class: 'snippet' }, h('a', { href: claimUrl(c.document, c.id), class: 'claim-link' }, `“${c.text}”`), onPage(c)),
    h('p', { class: 'small muted' }, [c.published || 'undated', c.outlet].filter(Boolean).join(' · '), ' · ', h('a', { href: docUrl(c.document) }, docTitle(c)), ` · confidence ${confidenceText(c.confidence)}`),
  );
}

export async function renderClaims(app) {
  document.title = 'Claims · newsgraph';
  const sources = await get('/sources').catch(() => ({ items: [] }));
  const box = h('div', { id: 'claims-box' });
  const filterBox = h('div', { id: 'claims-filters-box' });
  clear(app);
  append(app, h('section', { class: 'hero compact' }, h('h1', {}, 'Claims'), h('p', { class: 'lead' }, 'Who says what, as reported, with the cue and how sure it sounds.'), filterBox), box);
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
          { name: 'speaker', label: 'Speaker', size: 14 },
          { name: 'about', label: 'Words in the claim', size: 14 },
          ...DATE_FIELDS,
          { name: 'modality', label: 'Modality', type: 'select', options: MODALITIES.map((m) => [m]) },
          { name: 'kind', label: 'Kind', type: 'select', options: [['direct'], ['indirect'], ['mixed']] },
          sourceField(sources.items),
          CONFIDENCE_FIELD,
        ],
        state,
        (values) => go({ ...values, offset: null }),
        'claim-filters',
      ),
      state.actor_id ? h('p', { class: 'small muted', id: 'actor-filter' }, 'Only what ', h('a', { href: actorUrl(state.actor_id) }, `actor #${state.actor_id}`), ' says · ', h('button', { type: 'button', class: 'link-button', onclick: () => go({ actor_id: null, offset: null }) }, 'every speaker')) : null,
    );
    let body;
    try {
      body = await get('/claims', { limit: pageSize(state, PAGE), offset: state.offset, ...Object.fromEntries(FILTERS.map((k) => [k, state[k]])) });
    } catch (err) {
      append(clear(box), notice(err.message, 'error'));
      return;
    }
    const note = hiddenNotice(body, (min) => go({ min_confidence: min === null ? null : String(min), offset: null }));
    append(
      clear(box),
      section(
        `Claims (${body.total.toLocaleString('en')})`,
        note,
        body.items.length ? h('ul', { class: 'results', id: 'claim-results' }, body.items.map((c) => claimRow(c, body.confidence_threshold))) : notice('No claim matches these filters.'),
        pager({ total: body.total, offset: body.offset, limit: body.limit, shown: body.items.length }, (o) => go({ offset: o || null }), 'claims-pager'),
      ),
    );
  };
  onUrlChange(show);
  await show();
}

export async function renderClaim(app) {
  const key = pathId('/claims/');
  const body = await get('/claims/' + encodeURIComponent(key));
  const c = body.claim;
  document.title = `${c.speaker_name || 'Claim'} · newsgraph`;
  const conf = confidenceProps(c.confidence, body.confidence_threshold);
  clear(app);
  append(
    app,
    h(
      'section',
      { class: ['card', 'record-head'], id: 'claim-head', title: conf.title },
      h('h1', {}, h('span', { class: 'speaker' }, c.speaker_name || 'unattributed'), c.cue ? h('span', { class: 'muted' }, ` ${c.cue.text}`) : null),
      h('blockquote', { class: 'sentence', id: 'claim-text' }, c.text, onPage(c)),
      documentLine(body.document, body.story),
      conf.class ? h('p', { class: 'small under-threshold' }, `Confidence ${confidenceText(c.confidence)}: under the threshold ${confidenceText(body.confidence_threshold)}, so the lists hide it unless asked to show every fact.`) : null,
      facts([
        ['Kind', c.kind],
        ['Modality', c.modality],
        ['Reported by', c.reported_by_name],
        ['Confidence', confidenceText(c.confidence)],
      ]),
    ),
    section('Actors', actorsList(body.actors, 'claim-actors')),
    section(`Events known through it (${body.events.length})`, body.events.length ? h('ul', { class: 'results', id: 'claim-events' }, body.events.map((v) => eventRow(v, body.confidence_threshold))) : notice('No event is known through this claim.')),
  );
}
