// The shortest evidenced chains between two actors (/path?a=&b=, the CLI's `path A B`): each hop
// with the sentence that states it, who says so, the outlet and a link to its document and record.

import { get } from '../api.js';
import {
  CONFIDENCE_FIELD,
  actorUrl,
  append,
  badge,
  claimUrl,
  clear,
  confidenceText,
  docTitle,
  docUrl,
  eventUrl,
  filterForm,
  h,
  notice,
  onPage,
  onUrlChange,
  plural,
  section,
  setUrlState,
  urlState,
} from '../dom.js';

function recordLink(ev) {
  if (ev.kind === 'event') return h('a', { href: eventUrl(ev.document, ev.record) }, 'the event');
  if (ev.kind === 'claim') return h('a', { href: claimUrl(ev.document, ev.record) }, 'the claim');
  return null;
}

function hop(step, index) {
  const ev = step.evidence;
  return h(
    'li',
    { class: 'path-hop', dataset: { hop: index } },
    h('div', {}, h('a', { href: actorUrl(step.from.id) }, step.from.name), ' ', badge(step.label || step.type, 'type'), ' ', h('a', { href: actorUrl(step.to.id) }, step.to.name), h('span', { class: 'muted' }, ` · ${plural(step.weight, 'document')}`)),
    h('blockquote', { class: 'sentence' }, ev.sentence_text, onPage(ev)),
    h(
      'p',
      { class: 'evidence-meta' },
      ev.speaker_name ? [h('span', { class: 'speaker' }, `${ev.speaker_name} says`), ' · '] : null,
      ev.modality && ev.modality !== 'asserted' ? [badge(ev.modality, ev.modality), ' '] : null,
      ev.outlet || 'unknown outlet',
      ev.date || ev.published ? ` · ${ev.date || ev.published}` : '',
      ` · confidence ${confidenceText(ev.confidence)} · `,
      h('a', { class: 'hop-document', href: docUrl(ev.document) }, docTitle(ev)),
      recordLink(ev) ? [' · ', recordLink(ev)] : null,
    ),
  );
}

function candidates(err, which, go) {
  const found = (err.details && err.details.candidates) || [];
  if (!found.length) return notice(err.message, 'error');
  return h(
    'div',
    { class: 'notice notice-error candidates', role: 'alert', id: 'path-candidates' },
    `${err.message} Pick one:`,
    h('ul', {}, found.map((c) => h('li', {}, h('button', { type: 'button', class: 'link-button', onclick: () => go({ [which]: `#${c.id}` }) }, `#${c.id} ${c.name}`), ` (${c.kind}, ${plural(c.documents, 'document')})`))),
  );
}

export async function renderPath(app) {
  document.title = 'Path · newsgraph';
  const box = h('div', { id: 'path-box' });
  const formBox = h('div', { id: 'path-form-box' });
  clear(app);
  append(app, h('section', { class: 'hero compact' }, h('h1', {}, 'How are two actors connected?'), h('p', { class: 'lead' }, 'The shortest chains of ties between them, each hop with the sentence that states it.'), formBox), box);
  const show = async () => {
    const state = urlState();
    const go = (changes) => {
      setUrlState(changes);
      show();
    };
    append(
      clear(formBox),
      filterForm(
        [
          { name: 'a', label: 'From', placeholder: 'name, alias or #id', size: 18 },
          { name: 'b', label: 'To', placeholder: 'name, alias or #id', size: 18 },
          { name: 'max_depth', label: 'Most hops', type: 'number', min: 1, max: 6, step: 1, size: 3 },
          { name: 'since', label: 'From date', placeholder: 'YYYY-MM-DD', size: 10 },
          CONFIDENCE_FIELD,
        ],
        state,
        go,
        'path-form',
      ),
    );
    if (!state.a || !state.b) {
      append(clear(box), notice('Name two actors (a name, an alias or #id).'));
      return;
    }
    append(clear(box), h('p', { class: 'loading' }, 'Looking for chains…'));
    let body;
    try {
      body = await get('/network/path', { a: state.a, b: state.b, max_depth: state.max_depth, since: state.since, min_confidence: state.min_confidence, limit: 5 });
    } catch (err) {
      const which = err.message.includes(state.b) && !err.message.includes(state.a) ? 'b' : 'a';
      append(clear(box), err.status === 409 ? candidates(err, which, go) : notice(err.message, 'error'));
      return;
    }
    const head = h('p', {}, h('a', { href: actorUrl(body.from.id), id: 'path-from' }, body.from.name), ' → ', h('a', { href: actorUrl(body.to.id), id: 'path-to' }, body.to.name));
    const hidden = body.hidden_below_confidence ? h('p', { class: 'small muted' }, `${plural(body.hidden_below_confidence, 'fact')} under confidence ${confidenceText(body.min_confidence)} left out.`) : null;
    if (!body.paths.length) {
      append(clear(box), section('No chain found', head, hidden, notice(`No chain of at most ${state.max_depth || 4} ties joins them.`)));
      return;
    }
    append(
      clear(box),
      section(
        `${plural(body.paths.length, 'chain')}`,
        head,
        hidden,
        h(
          'ol',
          { class: 'paths', id: 'paths' },
          body.paths.map((p, i) => h('li', { class: 'path card', dataset: { path: i } }, h('p', { class: 'muted small path-text' }, p.text), h('ol', { class: 'path-hops' }, p.steps.map(hop)))),
        ),
      ),
    );
  };
  onUrlChange(show);
  await show();
}
