// The alerts the watch rules raised, newest first, a page at a time; each with its fact, its
// sentence, who says so, the document (one click to the document page at the record) and the
// rule that fired. The first page updates live: a server-sent event stream (/api/alerts/stream)
// brings each new alert as it is recorded, and it is put at the top without a reload.

import { get, items } from '../api.js';
import { append, badge, clear, confidenceText, docUrl, h, notice, onPage, param, plural } from '../dom.js';

const PAGE = 20;

/** The document page at the fact's record (its claim, event or relation id). */
function evidenceUrl(a) {
  const record = a.fact && a.fact.record;
  return docUrl(a.document) + (record && /^[cvr]\d+$/.test(record) ? '#' + record : '');
}

function alertItem(a) {
  const fact = a.fact || {};
  const meta = [
    a.speaker_name ? `speaker: ${a.speaker_name}` : null,
    a.outlet,
    a.published,
    fact.confidence !== undefined ? `confidence ${confidenceText(fact.confidence)}` : null,
    `at ${String(a.created_at || '').replace('T', ' ').slice(0, 16)} UTC`,
  ].filter(Boolean);
  const delivered = Object.entries(a.deliveries || {}).map(([channel, status]) => `${channel}: ${status}`);
  return h(
    'li',
    { class: 'result alert-item', dataset: { id: a.id } },
    h(
      'div',
      {},
      badge(a.rule, 'watch'),
      ' ',
      fact.type ? [badge(fact.type, 'type'), ' '] : null,
      fact.modality ? [badge(fact.modality, fact.modality), ' '] : null,
      h('strong', { class: 'alert-summary' }, a.summary),
    ),
    a.sentence_text ? h('p', { class: 'snippet alert-sentence' }, a.sentence_text, onPage(a)) : null,
    h(
      'p',
      { class: 'small muted' },
      meta.join(' · '),
      a.document ? [' · ', h('a', { class: 'alert-evidence', href: evidenceUrl(a) }, a.title || a.document)] : null,
      a.url ? [' · ', h('a', { href: a.url, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'original')] : null,
    ),
    delivered.length ? h('p', { class: 'small muted alert-deliveries' }, 'delivered: ', delivered.join(', ')) : null,
  );
}

export async function renderAlerts(app) {
  document.title = 'Alerts · newsgraph';
  const offset = Math.max(0, parseInt(param('offset') || '0', 10) || 0);
  const list = h('ul', { class: 'results', id: 'alert-list' });
  const count = h('p', { class: 'muted', id: 'alert-count' });
  const live = h('p', { class: 'small muted', id: 'alert-live' });
  const pager = h('p', { class: 'pager', id: 'alert-pager' });
  clear(app);
  append(
    app,
    h(
      'section',
      { class: 'hero compact' },
      h('h1', {}, 'Alerts'),
      h('p', { class: 'lead' }, 'What the watch rules raised: each fact with its sentence, who says so and the document. New alerts appear here as they are raised.'),
    ),
    h('section', { class: 'card' }, count, live, list, pager),
  );
  const body = await get('/alerts', { limit: PAGE, offset });
  let total = body.total;
  const rows = items(body);
  const showCount = () => {
    clear(count);
    append(count, total ? `${plural(total, 'alert')}, the newest first` : '');
  };
  showCount();
  if (!rows.length) list.before(notice(offset ? 'No alerts on this page.' : 'No alert yet: `newsgraph watch` (or `newsgraph alerts run`) raises them.'));
  append(list, rows.map(alertItem));
  if (offset > 0) append(pager, h('a', { href: `/alerts?offset=${Math.max(0, offset - PAGE)}`, id: 'alert-newer' }, '← newer'), ' ');
  if (offset + rows.length < total) append(pager, h('a', { href: `/alerts?offset=${offset + PAGE}`, id: 'alert-older' }, 'older →'));
  if (offset > 0 || typeof EventSource === 'undefined') return;
  // Live: the alerts recorded after the newest shown, put at the top as they come.
  const newest = rows.length ? rows[0].id : null;
  const url = '/api/alerts/stream' + (newest !== null ? `?after=${newest}` : '');
  const source = new EventSource(url);
  source.addEventListener('open', () => {
    clear(live);
    append(live, 'Live: new alerts appear at the top.');
    document.body.dataset.live = 'true';
  });
  source.addEventListener('alert', (evt) => {
    const a = JSON.parse(evt.data);
    if (list.querySelector(`[data-id="${Number(a.id)}"]`)) return;
    const empty = app.querySelector('.notice');
    if (empty) empty.remove();
    list.prepend(alertItem(a));
    total += 1;
    showCount();
    while (list.children.length > PAGE) list.lastElementChild.remove();
  });
  source.addEventListener('error', () => {
    clear(live);
    append(live, 'Reconnecting to the alert stream…');
  });
  window.addEventListener('pagehide', () => source.close());
}
