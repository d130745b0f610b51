// One document: its text with mentions, claims (speaker -> content) and events highlighted in place,
// and a side panel listing them. Offsets in the API are Python code-point indices into
// document.text, so the text is cut by code points (Array.from), not UTF-16 units. Facts under the
// confidence threshold (those the lists hide by default) are shown faded, with their confidence.

import { get } from '../api.js';
import { actorUrl, append, badge, claimUrl, clear, confidenceProps, confidenceText, eventUrl, h, notice, pathId, plural, safeHref, unsure, withQuery } from '../dom.js';
import { typeColor } from '../colors.js';

/**
 * Cut ``text`` at every annotation boundary. Each annotation is {start, end, cls, ref, title};
 * returns [{text, classes:Set, refs:Set, titles:[]}] covering the whole text in order.
 */
export function segments(text, annotations) {
  const chars = Array.from(text);
  const n = chars.length;
  const valid = annotations.filter((a) => Number.isInteger(a.start) && Number.isInteger(a.end) && a.start < a.end && a.start >= 0 && a.end <= n);
  const cuts = new Set([0, n]);
  for (const a of valid) {
    cuts.add(a.start);
    cuts.add(a.end);
  }
  const points = [...cuts].sort((x, y) => x - y);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const covering = valid.filter((a) => a.start <= from && a.end >= to);
    out.push({
      text: chars.slice(from, to).join(''),
      start: from,
      classes: new Set(covering.map((a) => a.cls).filter(Boolean)),
      refs: new Set(covering.map((a) => a.ref).filter(Boolean)),
      titles: covering.map((a) => a.title).filter(Boolean),
    });
  }
  return out;
}

function argText(arg) {
  if (!arg) return '';
  if (Array.isArray(arg)) return arg.map(argText).filter(Boolean).join(', ');
  return arg.text || arg.name || '';
}

function annotationsOf(body) {
  const entities = new Map((body.entities || []).map((e) => [e.id, e]));
  const out = [];
  for (const m of body.mentions || []) {
    const entity = entities.get(m.entity);
    out.push({
      start: m.start,
      end: m.end,
      cls: `hl-mention hl-${String(m.type || 'other').toLowerCase()}`,
      ref: m.entity || m.id,
      title: entity ? `${entity.name} (${entity.kind})` : m.type,
    });
  }
  const threshold = body.confidence_threshold;
  for (const c of body.claims || []) {
    const faded = unsure(c.confidence, threshold) ? ' hl-unsure' : '';
    out.push({ start: c.start, end: c.end, cls: `hl-claim hl-modality-${c.modality || 'asserted'}${faded}`, ref: c.id, title: `claim${c.speaker ? ' by ' + c.speaker.text : ''} (${c.modality}, confidence ${confidenceText(c.confidence)})` });
    if (c.speaker) out.push({ start: c.speaker.start, end: c.speaker.end, cls: 'hl-speaker', ref: c.id, title: 'speaker' });
    if (c.cue) out.push({ start: c.cue.start, end: c.cue.end, cls: 'hl-cue', ref: c.id, title: 'cue' });
  }
  for (const v of body.events || []) {
    const faded = unsure(v.confidence, threshold) ? ' hl-unsure' : '';
    if (v.trigger) out.push({ start: v.trigger.start, end: v.trigger.end, cls: `hl-event${faded}`, ref: v.id, title: `event ${v.type} (${v.modality}, confidence ${confidenceText(v.confidence)})` });
    if (v.sentence) out.push({ start: v.sentence.start, end: v.sentence.end, cls: null, ref: v.id });
    for (const arg of [...(v.source || []), ...(v.target || []), ...(v.participants || [])]) {
      out.push({ start: arg.start, end: arg.end, cls: null, ref: v.id });
    }
  }
  for (const r of body.relations || []) {
    if (r.evidence) out.push({ start: r.evidence.start, end: r.evidence.end, cls: null, ref: r.id });
  }
  return out;
}

/** The text as paragraphs of spans: highlighted segments carry their classes and the ids they show. */
function textView(text, annotations) {
  const box = h('div', { class: 'doc-text', id: 'doc-text' });
  for (const seg of segments(text, annotations)) {
    if (!seg.classes.size && !seg.refs.size) {
      append(box, seg.text);
      continue;
    }
    append(
      box,
      h(
        'span',
        {
          class: ['hl', ...seg.classes].join(' '),
          dataset: { refs: [...seg.refs].join(' '), start: seg.start },
          title: seg.titles.length ? seg.titles.join(' · ') : null,
        },
        seg.text,
      ),
    );
  }
  return box;
}

function spansFor(ref) {
  return [...document.querySelectorAll('#doc-text .hl')].filter((el) => el.dataset.refs.split(' ').includes(ref));
}

function activate(ref, on) {
  for (const el of document.querySelectorAll('.hl-active')) el.classList.remove('hl-active');
  for (const el of document.querySelectorAll('.panel-item.active')) el.classList.remove('active');
  if (!on) return;
  for (const el of spansFor(ref)) el.classList.add('hl-active');
  for (const el of document.querySelectorAll('.panel-item')) if (el.dataset.ref === ref) el.classList.add('active');
}

/** A side-panel entry that lights its spans on hover and scrolls to them on click; faded when
 * ``record`` is under the confidence threshold ``threshold``. */
function panelItem(ref, record, threshold, ...children) {
  const conf = confidenceProps(record && record.confidence, threshold);
  const li = h(
    'li',
    { class: ['panel-item', conf.class], dataset: { ref }, tabindex: '0', title: conf.title },
    children,
    record && record.confidence !== undefined ? h('div', { class: 'small muted confidence' }, `confidence ${confidenceText(record.confidence)}`) : null,
  );
  li.addEventListener('mouseenter', () => activate(ref, true));
  li.addEventListener('focus', () => activate(ref, true));
  li.addEventListener('click', (evt) => {
    if (evt.target.closest('a')) return;
    activate(ref, true);
    const first = spansFor(ref)[0];
    if (first) first.scrollIntoView({ block: 'center', behavior: 'smooth' });
  });
  return li;
}

function entityLink(e) {
  if (e.actor !== null) return h('a', { href: actorUrl(e.actor) }, e.name);
  return h('a', { href: '/search?q=' + encodeURIComponent(e.name) }, e.name);
}

function entitiesPanel(body) {
  const byKind = new Map();
  for (const e of body.entities || []) {
    if (!byKind.has(e.kind)) byKind.set(e.kind, []);
    byKind.get(e.kind).push(e);
  }
  const list = h('ul', { class: 'panel-list', id: 'entity-list' });
  const order = ['person', 'organization', 'group', 'state', 'igo', 'media', 'place', 'other'];
  const kinds = [...byKind.keys()].sort((a, b) => (order.indexOf(a) + 99 * (order.indexOf(a) < 0)) - (order.indexOf(b) + 99 * (order.indexOf(b) < 0)));
  for (const kind of kinds) {
    for (const e of byKind.get(kind)) {
      const attributes = Object.entries(e.attributes || {}).map(([k, v]) => `${k}: ${v}`);
      append(
        list,
        panelItem(
          e.id,
          e,
          body.confidence_threshold,
          entityLink(e),
          ' ',
          badge(e.kind, e.kind),
          h('span', { class: 'muted' }, ` ×${(e.mentions || []).length || 1}`),
          (e.aliases || []).length ? h('div', { class: 'muted small' }, 'also: ', e.aliases.join(', ')) : null,
          e.place ? h('div', { class: 'muted small' }, `${e.place.country || ''} ${Number(e.place.lat).toFixed(2)}, ${Number(e.place.lon).toFixed(2)}`) : null,
          attributes.length ? h('div', { class: 'muted small' }, attributes.join(' · ')) : null,
        ),
      );
    }
  }
  return list;
}

function claimsPanel(body) {
  const list = h('ul', { class: 'panel-list', id: 'claim-list' });
  for (const c of body.claims) {
    const reporter = c.reported_by_name;
    const speaker = c.speaker_name;
    append(
      list,
      panelItem(
        c.id,
        c,
        body.confidence_threshold,
        h('div', {}, h('span', { class: 'speaker' }, speaker || 'unattributed'), h('span', { class: 'arrow' }, ' → '), c.cue ? h('span', { class: 'muted' }, c.cue.text) : null),
        h('q', { class: 'claim-text' }, c.text),
        h('div', { class: 'small' }, badge(c.modality, c.modality), ' ', badge(c.kind, 'plain'), reporter ? h('span', { class: 'muted' }, ` reported by ${reporter}`) : null, ' · ', h('a', { class: 'record-link', href: claimUrl(body.document.id, c.id) }, 'open')),
      ),
    );
  }
  return list;
}

function eventsPanel(body) {
  const list = h('ul', { class: 'panel-list', id: 'event-list' });
  for (const v of body.events || []) {
    const type = badge(v.type, 'type');
    type.style.backgroundColor = typeColor(v.type);
    type.style.color = '#fff';
    const who = argText(v.source);
    const whom = argText(v.target) || argText(v.participants);
    append(
      list,
      panelItem(
        v.id,
        v,
        body.confidence_threshold,
        h('div', {}, type, ' ', h('strong', {}, v.trigger ? v.trigger.text : ''), v.mode ? h('span', { class: 'muted' }, ` (${v.mode})`) : null),
        who || whom ? h('div', {}, who || '—', ' → ', whom || '—') : null,
        h(
          'div',
          { class: 'small muted' },
          v.date && v.date.value ? `${v.date.value} · ` : '',
          v.location ? `in ${argText(v.location)} · ` : '',
          badge(v.modality, v.modality),
          v.claim ? ' · known through a claim' : '',
          ' · ',
          h('a', { class: 'record-link', href: eventUrl(body.document.id, v.id) }, 'open'),
        ),
      ),
    );
  }
  return list;
}

function relationsPanel(body) {
  const list = h('ul', { class: 'panel-list', id: 'relation-list' });
  for (const r of body.relations || []) {
    append(
      list,
      panelItem(
        r.id,
        r,
        body.confidence_threshold,
        h('div', {}, h('strong', {}, argText(r.subject)), ' ', badge(r.type, 'type'), ' ', h('strong', {}, argText(r.object))),
        h('div', { class: 'small' }, badge(r.modality, r.modality), r.claim ? h('span', { class: 'muted' }, ' known through a claim') : null),
      ),
    );
  }
  return list;
}

function panelSection(title, count, list) {
  return h('details', { class: 'panel-section', open: true }, h('summary', {}, `${title} `, h('span', { class: 'count' }, String(count))), count ? list : notice(`No ${title.toLowerCase()} found.`));
}

/** The kinds of highlight the legend toggles: [kind, label, the classes that draw it]. */
export const HIGHLIGHTS = [
  ['person', 'person', 'hl hl-mention hl-person'],
  ['org', 'organisation', 'hl hl-mention hl-org'],
  ['place', 'state / place', 'hl hl-mention hl-gpe'],
  ['speaker', 'speaker', 'hl hl-speaker'],
  ['cue', 'cue', 'hl hl-cue'],
  ['claim', 'what is claimed', 'hl hl-claim'],
  ['event', 'event', 'hl hl-event'],
];
const SHOWN_KEY = 'newsgraph.highlights';

function shownKinds() {
  try {
    const kept = JSON.parse(localStorage.getItem(SHOWN_KEY) || '[]');
    return new Set(Array.isArray(kept) ? kept.filter((k) => HIGHLIGHTS.some(([kind]) => kind === k)) : []);
  } catch {
    return new Set();
  }
}

/** Show only the chosen kinds on the text (classes ``show-KIND`` on #doc-text); remembered in this browser. */
function applyShown(textBox, shown) {
  for (const [kind] of HIGHLIGHTS) textBox.classList.toggle(`show-${kind}`, shown.has(kind));
  for (const b of document.querySelectorAll('.doc-legend [data-kind]')) b.setAttribute('aria-pressed', String(shown.has(b.dataset.kind)));
  try {
    localStorage.setItem(SHOWN_KEY, JSON.stringify([...shown]));
  } catch {
    // storage refused: the choice holds for this page
  }
}

/** The legend: each kind a button that shows or hides its highlights (all off until chosen). */
function legendBar(textBox, shown) {
  const toggle = (kind) => {
    if (shown.has(kind)) shown.delete(kind);
    else shown.add(kind);
    applyShown(textBox, shown);
  };
  return h(
    'div',
    { class: 'doc-legend', id: 'doc-legend' },
    h('span', { class: 'small muted' }, 'Highlight:'),
    HIGHLIGHTS.map(([kind, label, cls]) =>
      h('button', { type: 'button', class: `legend-toggle ${cls}`, dataset: { kind }, 'aria-pressed': String(shown.has(kind)), title: `show or hide every ${label}`, onclick: () => toggle(kind) }, label),
    ),
  );
}

export async function renderDocument(app) {
  const id = pathId('/documents/');
  const body = await get('/documents/' + encodeURIComponent(id));
  const doc = body.document;
  const text = doc.text;
  document.title = `${doc.title || doc.id} · newsgraph`;
  const meta = [doc.published, doc.source, doc.dateline && doc.dateline.place ? `dateline ${doc.dateline.place}` : null].filter(Boolean).join(' · ');
  const textBox = textView(text, annotationsOf(body));
  const shown = shownKinds();
  const legend = legendBar(textBox, shown);
  applyShown(textBox, shown);
  clear(app);
  append(
    app,
    h(
      'div',
      { class: 'doc-layout' },
      h(
        'article',
        { class: 'card doc-main' },
        h('h1', { id: 'doc-title' }, doc.title || doc.id),
        h(
          'p',
          { class: 'muted' },
          meta || 'undated',
          ` · ${plural(Array.from(text.trim().split(/\s+/)).filter(Boolean).length, 'word')}`,
          doc.url ? [' · ', h('a', { href: safeHref(doc.url), rel: 'noopener noreferrer nofollow', target: '_blank' }, 'original')] : null,
          ' · ',
          h('a', { href: '/api/documents/' + encodeURIComponent(doc.id) }, 'JSON'),
          ' · ',
          h('a', { href: withQuery('/events', { document: doc.id, min_confidence: 0 }), id: 'doc-events-link' }, 'its events'),
          ' · ',
          h('a', { href: withQuery('/claims', { document: doc.id, min_confidence: 0 }), id: 'doc-claims-link' }, 'its claims'),
        ),
        legend,
        textBox,
      ),
      h(
        'aside',
        { class: 'card doc-panel', id: 'doc-panel' },
        panelSection('Claims', (body.claims || []).length, claimsPanel(body)),
        panelSection('Events', (body.events || []).length, eventsPanel(body)),
        panelSection('Relations', (body.relations || []).length, relationsPanel(body)),
        panelSection('Entities', (body.entities || []).length, entitiesPanel(body)),
      ),
    ),
  );
  document.getElementById('doc-text').addEventListener('click', (evt) => {
    const span = evt.target.closest('.hl');
    if (!span) return;
    const refs = span.dataset.refs.split(' ').filter(Boolean);
    const ref = refs.find((r) => /^[cv]/.test(r)) || refs[0];
    if (!ref) return;
    activate(ref, true);
    const item = [...document.querySelectorAll('.panel-item')].find((el) => el.dataset.ref === ref);
    if (item) item.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  });
  // "/documents/ID#v2" (an alert's or a record page's link): that record lit and in view
  const named = decodeURIComponent(window.location.hash.slice(1));
  if (named && document.querySelector(`.panel-item[data-ref="${CSS.escape(named)}"]`)) {
    activate(named, true);
    const first = spansFor(named)[0];
    if (first) first.scrollIntoView({ block: 'center' });
  }
}
