// One actor: names, kind, places, attributes, watchlist matches with their reasons and their review
// (confirm or dismiss each, merge or split the actor: review.js), the timeline of its events and
// claims, and its network neighbourhood (click an edge for the evidence). Both leave out facts
// under the confidence threshold, say how many, and can show them (faded).

import { get, items } from '../api.js';
import { append, badge, clear, confidenceProps, confidenceText, docUrl, facts, h, hiddenNotice, notice, pathId, plural, section } from '../dom.js';
import { drawGraph, evidenceList, legend, nodeCard, normaliseNetwork } from '../graph.js';
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

/** Where the actor is named, and how each mention was tied to it (the resolver's reason). */
function mentionsSection(links) {
  if (!links || !links.length) return null;
  const list = h('ul', { class: 'results', id: 'actor-documents' });
  for (const l of links) {
    append(
      list,
      h(
        'li',
        { class: 'result' },
        h('a', { class: 'result-title', href: docUrl(l.document) }, l.title || l.document),
        h('span', { class: 'muted' }, [l.published, l.name !== undefined ? `as “${l.name}”` : null].filter(Boolean).join(' · ')),
        l.reason ? h('p', { class: 'small muted' }, `${l.method ? l.method + ': ' : ''}${l.reason}`) : null,
      ),
    );
  }
  return section(`Named in (${links.length})`, list);
}

function timelineSection(body, onToggle) {
  const rows = items(body);
  const note = hiddenNotice(body, onToggle);
  if (!rows.length) return section('Timeline', note, notice('No dated events or claims for this actor.'));
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
          h('p', { class: 'tl-text' }, t.speaker_name && t.kind !== 'said' ? h('span', { class: 'speaker' }, `${t.speaker_name}: `) : null, t.text),
          t.others.length ? h('p', { class: 'small muted' }, t.others.join(' · ')) : null,
          h('p', { class: 'small muted' }, t.outlet ? [t.outlet, ' · '] : null, h('a', { href: docUrl(t.document) }, t.title || t.document), ` · confidence ${confidenceText(t.confidence)}`),
        ),
      ),
    );
  }
  return section(`Timeline (${rows.length})`, note, list);
}

async function timelineInto(box, id, minConfidence) {
  let t;
  try {
    t = await get(`/actors/${encodeURIComponent(id)}/timeline`, { min_confidence: minConfidence });
  } catch (err) {
    append(clear(box), section('Timeline', notice(err.message, 'error')));
    return;
  }
  append(clear(box), timelineSection(t, (min) => timelineInto(box, id, min)));
}

async function neighbourhood(box, id, minConfidence = null) {
  let body;
  let data;
  clear(box);
  try {
    body = await get(`/actors/${encodeURIComponent(id)}/network`, { depth: 1, min_confidence: minConfidence });
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
}

export async function renderActor(app, flash = null) {
  const id = pathId('/actors/');
  const body = await get('/actors/' + encodeURIComponent(id));
  const a = body.actor;
  document.title = `${a.name} · newsgraph`;
  const places = a.places.map(placeText);
  const roles = names(a.roles);
  const networkBox = h('div', { id: 'neighbourhood' });
  const reviewer = reviewerBar();
  const timelineBox = h('div', { id: 'timeline-box' }, h('p', { class: 'loading' }, 'Loading the timeline…'));
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
      h('p', {}, h('a', { href: '/network?actor=' + encodeURIComponent('#' + a.id) + '&depth=2' }, 'Open in the network view →')),
    ),
    flash,
    section('Review', reviewer.element),
    watchlistSection(body.watchlist, reviewer),
    section('Network neighbourhood', networkBox),
    timelineBox,
    mentionsSection(body.links),
    correctionsSection(a, body.links, reviewer, (message) => renderActor(app, message)),
  );
  const timeline = timelineInto(timelineBox, a.id, null);
  await neighbourhood(networkBox, a.id);
  await timeline;
}
