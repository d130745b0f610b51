// Reviewing from the actor page: confirm or dismiss each watchlist hit, merge or split the actor.
// Every decision is kept with the reviewer's name, the time and a note (why). Writes need the token
// the server was started with (`newsgraph serve --token`): typed once, kept for this tab only
// (sessionStorage); the reviewer's name is kept in this browser (localStorage).

import { post } from './api.js';
import { actorUrl, append, badge, clear, h, notice, plural } from './dom.js';

const NAME_KEY = 'newsgraph.reviewer';
const TOKEN_KEY = 'newsgraph.token';
const STATUSES = ['open', 'confirmed', 'dismissed'];

function stored(storage, key) {
  try {
    return storage.getItem(key) || '';
  } catch {
    return '';
  }
}

function keep(storage, key, value) {
  try {
    storage.setItem(key, value);
  } catch {
    // storage refused (private mode): the value stays in the input for this page
  }
}

/** The reviewer's name and the server's token: two inputs, and what they hold now. */
export function reviewerBar() {
  const name = h('input', { id: 'reviewer', type: 'text', value: stored(localStorage, NAME_KEY), placeholder: 'your name', autocomplete: 'name', size: 18 });
  const token = h('input', { id: 'review-token', type: 'password', value: stored(sessionStorage, TOKEN_KEY), placeholder: 'server token', autocomplete: 'off', size: 18 });
  name.addEventListener('input', () => keep(localStorage, NAME_KEY, name.value.trim()));
  token.addEventListener('input', () => {
    keep(sessionStorage, TOKEN_KEY, token.value.trim());
    syncTokenButtons(token.value.trim());
  });
  const element = h(
    'div',
    { class: 'review-bar', id: 'review-bar' },
    h('label', { class: 'field' }, h('span', {}, 'Reviewer'), name),
    h('label', { class: 'field' }, h('span', {}, 'Server token'), token),
    h('p', { class: 'small muted' }, 'Each decision is kept with your name, the time and your note, and holds when the documents are ingested again, the actors rebuilt or the lists screened again. Writing needs the token the server was started with (newsgraph serve --token).'),
  );
  return { element, who: () => name.value.trim(), token: () => token.value.trim() };
}

/** Why a button that writes is disabled: no token typed yet. */
export const TOKEN_NEEDED = 'Type the server’s token (Server token, above) to decide: a server started without `newsgraph serve --token` is read-only.';

/** Enable the buttons that write (``.needs-token``) when a token is typed, else disable them and
 * show why (``.token-needed`` notes). */
export function syncTokenButtons(token) {
  for (const el of document.querySelectorAll('button.needs-token')) {
    el.disabled = !token;
    el.title = token ? '' : TOKEN_NEEDED;
  }
  for (const el of document.querySelectorAll('.token-needed')) el.hidden = Boolean(token);
}

/** A note shown while no token is typed. */
export function tokenNote() {
  return h('p', { class: 'small notice token-needed', role: 'note' }, TOKEN_NEEDED);
}

function statusBadge(status) {
  return h('span', { class: ['badge', 'hit-status', `badge-hit-${status}`] }, status);
}

function decisionLine(m) {
  const r = m.review;
  if (!r || r.status === 'open') return null;
  return h('p', { class: 'small hit-decision' }, `${r.status} by ${r.decided_by}, ${String(r.decided_at).slice(0, 16).replace('T', ' ')}`, r.note ? ` — ${r.note}` : '');
}

/** The watchlist matches with their status, and buttons to confirm, dismiss or reopen each. */
export function watchlistSection(matches, reviewer) {
  if (!matches || !matches.length) {
    return h('section', { class: 'card' }, h('h2', {}, 'Watchlist matches'), notice('No match on the loaded sanctions lists. (Lists are loaded with `newsgraph watchlist load`; `newsgraph screen --actors` screens every actor.)'));
  }
  const counts = h('p', { class: 'muted', id: 'watchlist-counts' });
  const refresh = () => {
    clear(counts);
    STATUSES.forEach((s, i) => {
      const n = matches.filter((x) => x.status === s).length;
      append(counts, i ? ' · ' : '', h('span', { dataset: { count: s } }, String(n)), ` ${s}`);
    });
  };
  const list = h('ul', { class: 'watchlist', id: 'watchlist' });
  matches.forEach((m, index) => {
    const li = h('li', { class: 'watch-item' });
    const draw = () => {
      clear(li);
      li.dataset.status = m.status;
      li.dataset.reference = m.reference;
      const note = h('input', { class: 'hit-note', type: 'text', placeholder: 'why (kept with the decision)', 'aria-label': 'Why', size: 34 });
      const message = h('span', { class: 'hit-message small' });
      const decide = async (decision) => {
        clear(message);
        const who = reviewer.who();
        if (!who) return append(message, notice('Give your name (Reviewer, above) first.', 'error'));
        if (!note.value.trim()) return append(message, notice('Say why: a note is kept with the decision.', 'error'));
        try {
          const hit = await post('/reviews', { screened_name: m.screened_name, list: m.list, reference: m.reference, decision, decided_by: who, note: note.value.trim() }, reviewer.token());
          matches[index] = m = hit;
          draw();
          refresh();
        } catch (err) {
          append(message, notice(err.message, 'error'));
        }
        return null;
      };
      const button = (decision, label) =>
        h('button', { type: 'button', class: ['small-button', 'needs-token', `hit-${decision}`], disabled: !reviewer.token(), title: reviewer.token() ? null : TOKEN_NEEDED, onclick: () => decide(decision) }, label);
      append(
        li,
        h(
          'div',
          {},
          statusBadge(m.status),
          ' ',
          badge(m.list || 'list', 'watch'),
          ' ',
          h('strong', {}, m.entry_name),
          m.reference ? h('span', { class: 'muted' }, ` · ${m.reference}`) : null,
          h('span', { class: 'muted' }, ` · score ${Number(m.score).toFixed(2)}`),
        ),
        m.matched_name !== m.entry_name ? h('p', { class: 'small muted' }, `matched the list's name “${m.matched_name}” with “${m.screened_name}”`) : null,
        m.explanation ? h('p', { class: 'reasons' }, m.explanation) : null,
        decisionLine(m),
        h(
          'div',
          { class: 'hit-actions' },
          note,
          m.status !== 'confirmed' ? button('confirm', 'Confirm') : null,
          m.status !== 'dismissed' ? button('dismiss', 'Dismiss') : null,
          m.status !== 'open' ? button('reopen', 'Reopen') : null,
          message,
        ),
      );
    };
    draw();
    append(list, li);
  });
  refresh();
  const note = tokenNote();
  note.hidden = Boolean(reviewer.token());
  return h('section', { class: 'card', id: 'watchlist-section' }, h('h2', {}, `Watchlist matches (${matches.length})`), counts, note, list);
}

function candidatesNotice(err, onPick) {
  const found = err.details && err.details.candidates;
  if (!found || !found.length) return notice(err.message, 'error');
  return h(
    'div',
    { class: 'notice notice-error candidates', role: 'alert' },
    'That name fits several actors; pick one:',
    h(
      'ul',
      {},
      found.map((c) => h('li', {}, h('button', { type: 'button', class: 'link-button', onclick: () => onPick(c) }, `#${c.id} ${c.name}`), ` (${c.kind}, ${plural(c.documents, 'document')}${c.alias ? `, also “${c.alias}”` : ''})`)),
    ),
  );
}

/** Merge another actor into this one, or split one of its entities off, saying who and why. */
export function correctionsSection(actor, links, reviewer, onDone) {
  const result = h('div', { id: 'correction-result' });
  const fail = (err, onPick) => append(clear(result), onPick ? candidatesNotice(err, onPick) : notice(err.message, 'error'));
  const needWho = () => {
    if (reviewer.who()) return true;
    append(clear(result), notice('Give your name (Reviewer, above) first.', 'error'));
    return false;
  };

  const other = h('input', { id: 'merge-other', type: 'search', placeholder: 'name, alias or #id', 'aria-label': 'The other actor', size: 22 });
  const mergeNote = h('input', { id: 'merge-note', type: 'text', placeholder: 'why', 'aria-label': 'Why merge', size: 26 });
  const merge = async (evt) => {
    evt.preventDefault();
    clear(result);
    if (!needWho()) return;
    if (!other.value.trim()) return void append(result, notice('Name the actor to merge with this one.', 'error'));
    try {
      const done = await post(`/actors/${actor.id}/merge`, { other: other.value.trim(), decided_by: reviewer.who(), note: mergeNote.value.trim() || null }, reviewer.token());
      if (!done.decision) return void append(result, notice(`${done.other.name} is this actor already.`));
      if (!done.merged) return void append(result, notice(`Recorded, but nothing was merged by these names (they also name other actors): merge by #ID.`, 'error'));
      if (done.actor.id !== actor.id) return void window.location.assign(actorUrl(done.actor.id));
      onDone(h('p', { class: 'notice', role: 'status' }, `Merged ${done.other.name} #${done.other.id} into this actor.`));
    } catch (err) {
      fail(err, (c) => {
        other.value = `#${c.id}`;
        clear(result);
      });
    }
  };
  const mergeForm = h(
    'form',
    { class: 'filters', id: 'merge-form' },
    h('label', { class: 'field' }, h('span', {}, 'Merge with'), other),
    h('label', { class: 'field' }, h('span', {}, 'Why'), mergeNote),
    h('button', { type: 'submit', id: 'merge-submit', class: 'needs-token', disabled: !reviewer.token(), title: reviewer.token() ? null : TOKEN_NEEDED }, 'Merge into this actor'),
  );
  mergeForm.addEventListener('submit', merge);

  const entity = h(
    'select',
    { id: 'split-entity', 'aria-label': 'The entity to take out' },
    (links || []).map((l) => h('option', { value: `${l.document}:${l.entity_id}` }, `“${l.name}” in ${l.title || l.document}${l.published ? ` (${l.published})` : ''}`)),
  );
  const splitNote = h('input', { id: 'split-note', type: 'text', placeholder: 'why', 'aria-label': 'Why split', size: 26 });
  const split = async (evt) => {
    evt.preventDefault();
    clear(result);
    if (!needWho() || !entity.value) return;
    const cut = entity.value.lastIndexOf(':');
    try {
      const done = await post(`/actors/${actor.id}/split`, { document: entity.value.slice(0, cut), entity_id: entity.value.slice(cut + 1), decided_by: reviewer.who(), note: splitNote.value.trim() || null }, reviewer.token());
      const flash = h('p', { class: 'notice', role: 'status' }, 'Split off into ', h('a', { href: actorUrl(done.actor.id) }, `${done.actor.name} #${done.actor.id}`), '.');
      if (done.from) onDone(flash);
      else window.location.assign(actorUrl(done.actor.id));
    } catch (err) {
      fail(err);
    }
  };
  const splitForm = h(
    'form',
    { class: 'filters', id: 'split-form' },
    h('label', { class: 'field' }, h('span', {}, 'Split off'), entity),
    h('label', { class: 'field' }, h('span', {}, 'Why'), splitNote),
    h('button', { type: 'submit', id: 'split-submit', class: 'needs-token', disabled: !reviewer.token(), title: reviewer.token() ? null : TOKEN_NEEDED }, 'Make it an actor of its own'),
  );
  splitForm.addEventListener('submit', split);

  return h(
    'section',
    { class: 'card', id: 'corrections' },
    h('h2', {}, 'Correct this actor'),
    h('p', { class: 'small muted' }, 'A merge or a split is kept and applied again whenever documents are resolved.'),
    reviewer.token() ? null : tokenNote(),
    mergeForm,
    links && links.length > 1 ? splitForm : null,
    result,
  );
}
