// Event locations on a world outline (Natural Earth land and borders from the world-atlas npm
// package, decoded with topojson-client, drawn as SVG: no map tiles from the internet), and a
// timeline of what happened when. The map fills its pane and fits the events; nearby places are
// clustered (a grid on screen, redone at each zoom); a place's popup shows its events with the
// place as the article wrote it and the sentence (POPUP_FIELDS: one function per line, to extend).

import { get, items } from '../api.js';
import { append, badge, clear, docUrl, h, hiddenNotice, notice, onPage, pager, plural, s, section, unsure } from '../dom.js';
import { typeColor } from '../colors.js';

const W = 960;
const H = 480;
const TOP = 84; // latitudes shown: 84 N ..
const BOTTOM = -58; // .. 58 S (Antarctica left out)

export function project(lon, lat) {
  return [((Number(lon) + 180) / 360) * W, ((90 - Number(lat)) / 180) * H];
}

/** A ring whose longitudes jump by more than 180 degrees (it crosses the antimeridian) continued
 * past +-180 instead: drawn straight, it would be a line across the whole map. */
export function unwrap(ring) {
  let offset = 0;
  let prev = null;
  return ring.map(([lon, lat]) => {
    let x = lon + offset;
    if (prev !== null && x - prev > 180) {
      offset -= 360;
      x -= 360;
    } else if (prev !== null && x - prev < -180) {
      offset += 360;
      x += 360;
    }
    prev = x;
    return [x, lat];
  });
}

function ringPath(ring, shift = 0) {
  let d = '';
  ring.forEach(([lon, lat], i) => {
    const [x, y] = project(lon + shift, lat);
    d += `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
  });
  return d;
}

/** A closed ring, unwrapped; a ring reaching past +-180 is drawn again shifted by 360 degrees so
 * that its part beyond the map's edge shows on the other side (the world layer is clipped). */
function polygonRing(ring) {
  const r = unwrap(ring);
  let d = ringPath(r) + 'Z';
  if (r.some(([lon]) => lon > 180)) d += ringPath(r, -360) + 'Z';
  if (r.some(([lon]) => lon < -180)) d += ringPath(r, 360) + 'Z';
  return d;
}

/** A line split where it crosses the antimeridian (no segment across the map). */
function linePath(line) {
  let d = '';
  line.forEach(([lon, lat], i) => {
    const [x, y] = project(lon, lat);
    const jump = i > 0 && Math.abs(lon - line[i - 1][0]) > 180;
    d += `${i === 0 || jump ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
  });
  return d;
}

/** An SVG path "d" for a GeoJSON (Multi)Polygon or (Multi)LineString geometry. */
export function geometryPath(geometry) {
  if (!geometry) return '';
  const { type, coordinates } = geometry;
  if (type === 'Polygon') return coordinates.map(polygonRing).join('');
  if (type === 'MultiPolygon') return coordinates.map((p) => p.map(polygonRing).join('')).join('');
  if (type === 'LineString') return linePath(coordinates);
  if (type === 'MultiLineString') return coordinates.map(linePath).join('');
  if (type === 'GeometryCollection') return geometry.geometries.map(geometryPath).join('');
  return '';
}

async function loadJson(url) {
  const response = await fetch(url);
  if (!response.ok) {
    let message = `${url}: ${response.status}`;
    try {
      message = (await response.json()).error.message;
    } catch {
      // not JSON
    }
    throw new Error(message);
  }
  return response.json();
}

/** The world outline: land filled, country borders stroked. */
async function worldLayer() {
  try {
    await import('/vendor/topojson-client.min.js');
  } catch {
    throw new Error('The map library (topojson-client) is not installed on the server: run `bash run setup` (npm ci) and restart newsgraph serve.');
  }
  const topojson = window.topojson;
  const [land, countries] = await Promise.all([loadJson('/vendor/land-110m.json'), loadJson('/vendor/countries-110m.json')]);
  const landGeo = topojson.feature(land, land.objects.land);
  const borders = topojson.mesh(countries, countries.objects.countries, (a, b) => a !== b);
  const features = landGeo.type === 'FeatureCollection' ? landGeo.features : [landGeo];
  return s(
    'g',
    { class: 'world', 'clip-path': 'url(#world-clip)' },
    s('clipPath', { id: 'world-clip' }, s('rect', { x: 0, y: 0, width: W, height: H })),
    s('path', { class: 'land', id: 'land', d: features.map((f) => geometryPath(f.geometry)).join('') }),
    s('path', { class: 'borders', d: geometryPath(borders) }),
  );
}

function graticule() {
  const g = s('g', { class: 'graticule' });
  for (let lon = -150; lon <= 150; lon += 30) {
    const [x] = project(lon, 0);
    append(g, s('line', { x1: x.toFixed(1), x2: x.toFixed(1), y1: 0, y2: H }));
  }
  for (let lat = -60; lat <= 80; lat += 20) {
    const [, y] = project(0, lat);
    append(g, s('line', { x1: 0, x2: W, y1: y.toFixed(1), y2: y.toFixed(1) }));
  }
  return g;
}

function eventItem(v, threshold) {
  const type = badge(v.type, 'type');
  type.style.backgroundColor = typeColor(v.type);
  type.style.color = '#fff';
  return h(
    'li',
    { class: unsure(v.confidence, threshold) ? 'event-item unsure' : 'event-item' },
    h('div', {}, type, ' ', h('strong', {}, v.trigger.text), v.modality !== 'asserted' ? [' ', badge(v.modality, v.modality)] : null),
    h('p', { class: 'sentence' }, v.sentence_text.trim(), onPage(v)),
    h('p', { class: 'small muted' }, [v.date && v.date.value ? v.date.value : v.published, v.location ? `in ${v.location.text}` : null, v.outlet].filter(Boolean).join(' · '), ' · ', h('a', { href: docUrl(v.document) }, v.title || v.document)),
  );
}

/**
 * The events at ``place`` (an /api/map item), a page of ``limit`` from ``offset``: those the map
 * counts there, exactly, asked by the place's actor (``place_id``) with the API's total. A place
 * that is no actor is asked by the names the articles wrote for it (``written``, else its name),
 * keeping only the place's own events (``event_ids``, when it lists them all); ``total`` is then
 * null. Each with its sentence and the place as written.
 */
export async function eventsAt(place, limit = 50, offset = 0) {
  if (place.actor !== null && place.actor !== undefined) {
    const body = await get('/events', { place_id: place.actor, limit, offset, min_confidence: 0 });
    return { rows: items(body), threshold: body.confidence_threshold, total: body.total, offset: body.offset, limit: body.limit };
  }
  const names = (place.written && place.written.length ? place.written : [place.place]).slice(0, 3);
  const own = new Set(place.event_ids || []);
  const complete = own.size > 0 && own.size >= (place.events || 0);
  const found = new Map();
  let threshold = null;
  for (const name of names) {
    const body = await get('/events', { where: name, limit: Math.max(limit, 20), min_confidence: 0 });
    threshold = body.confidence_threshold;
    for (const v of items(body)) {
      const key = `${v.document}:${v.id}`;
      if (complete && !own.has(key)) continue;
      if (!found.has(key)) found.set(key, v);
    }
    if (found.size >= limit) break;
  }
  return { rows: [...found.values()].slice(0, limit), threshold, total: null, offset: 0, limit };
}

/** Why the geocoder put the place here: its clue, the runner-up and the confidence (empty when unknown). */
function placeWhy(place) {
  if (!place.clue) return null;
  const runner = place.runner_up ? `; runner-up: ${place.runner_up}` : '';
  const conf = place.place_confidence != null ? ` (confidence ${Number(place.place_confidence).toFixed(2)})` : '';
  return h('p', { class: 'muted place-why' }, `Placed by ${place.clue}${runner}${conf}.`);
}

/** Events listed per page in the side panel of a place. */
const PLACE_PAGE = 50;

async function placeEvents(side, place, offset = 0) {
  clear(side);
  append(side, h('h2', {}, place.place), h('p', { class: 'muted' }, plural(place.events, 'event')), placeWhy(place), h('p', { class: 'loading' }, 'Loading…'));
  try {
    const found = await eventsAt(place, PLACE_PAGE, offset);
    const { rows, threshold } = found;
    side.querySelector('.loading').remove();
    append(
      side,
      rows.length
        ? h('ul', { class: 'event-list', id: 'place-events' }, rows.map((v) => eventItem(v, threshold)))
        : h('div', {}, notice('The events here name the place differently; their documents:'), h('ul', {}, place.document_ids.map((d) => h('li', {}, h('a', { href: docUrl(d) }, d))))),
      found.total !== null ? pager({ total: found.total, offset: found.offset, limit: found.limit, shown: rows.length }, (o) => placeEvents(side, place, o), 'place-pager') : null,
    );
  } catch (err) {
    side.querySelector('.loading').remove();
    append(side, notice(err.message, 'error'));
  }
}

/** The sentence with the place, as written, marked (when the offsets line up). */
function sentenceWithPlace(v) {
  const text = (v.sentence_text || '').trim();
  const loc = v.location;
  if (loc && v.sentence && typeof loc.start === 'number') {
    const raw = v.sentence_text || '';
    const at = loc.start - v.sentence.start;
    if (at >= 0 && raw.slice(at, at + loc.text.length) === loc.text) {
      return [raw.slice(0, at).trimStart(), h('mark', { class: 'place-written' }, loc.text), raw.slice(at + loc.text.length).trimEnd()];
    }
  }
  return text;
}

/**
 * The lines of one event in a place's popup, in order: each a function of the event (an /api/events
 * item) and the place (an /api/map item) returning a node, text or null. Add a line by pushing a
 * function here (the place's "why" and runner-up, for instance).
 */
export const POPUP_FIELDS = [
  (v) => {
    const type = badge(v.type, 'type');
    type.style.backgroundColor = typeColor(v.type);
    type.style.color = '#fff';
    return h('div', { class: 'popup-head' }, type, ' ', h('strong', {}, v.trigger.text), v.modality !== 'asserted' ? [' ', badge(v.modality, v.modality)] : null);
  },
  (v, place) =>
    v.location
      ? h('p', { class: 'popup-written' }, 'Written “', h('strong', {}, v.location.text), '”', v.location.text !== place.place ? ` → ${place.place}` : '')
      : null,
  (v) => h('p', { class: 'sentence popup-sentence' }, sentenceWithPlace(v)),
  (v) => h('p', { class: 'small muted' }, [v.date && v.date.value ? v.date.value : v.published, v.outlet].filter(Boolean).join(' · '), ' · ', h('a', { href: docUrl(v.document) }, v.title || v.document)),
];

/** The popup of one place (or of several places drawn as one cluster): name, counts, and its first events. */
async function openPopup(popup, at, members, side, threshold) {
  clear(popup);
  popup.hidden = false;
  popup.style.left = `${at[0]}px`;
  popup.style.top = `${at[1]}px`;
  const close = h('button', { type: 'button', class: 'popup-close', 'aria-label': 'Close', onclick: () => (popup.hidden = true) }, '×');
  const place = members[0];
  if (members.length > 1) {
    append(
      popup,
      close,
      h('h3', {}, plural(members.length, 'place')),
      h('ul', { class: 'popup-places' }, members.map((p) => h('li', {}, h('button', { type: 'button', class: 'link-button', onclick: () => openPopup(popup, at, [p], side, threshold) }, p.place), h('span', { class: 'muted' }, ` ${p.events}`)))),
    );
    return;
  }
  const written = (place.written || []).filter((n) => n !== place.place);
  append(
    popup,
    close,
    h('h3', {}, place.place),
    h('p', { class: 'muted small' }, plural(place.events, 'event'), written.length ? ` · written ${written.map((n) => `“${n}”`).join(', ')}` : ''),
    placeWhy(place),
    h('p', { class: 'loading' }, 'Loading…'),
  );
  try {
    const { rows, threshold: t } = await eventsAt(place, 5);
    popup.querySelector('.loading').remove();
    append(
      popup,
      rows.length
        ? h('ul', { class: 'popup-events' }, rows.map((v) => h('li', { class: unsure(v.confidence, t ?? threshold) ? 'unsure' : null }, POPUP_FIELDS.map((f) => f(v, place)))))
        : notice('The events here name the place differently; see their documents in the panel.'),
      h('button', { type: 'button', class: 'link-button popup-all', onclick: () => placeEvents(side, place) }, `All ${plural(place.events, 'event')} here →`),
    );
  } catch (err) {
    popup.querySelector('.loading')?.remove();
    append(popup, notice(err.message, 'error'));
  }
}

/** Places grouped by a grid of ``cell`` viewBox units: [{members, events, x, y}] (x, y the
 * event-weighted centre). */
export function clusterPlaces(points, cell) {
  const groups = new Map();
  for (const p of points) {
    const key = `${Math.floor(p.x / cell)}:${Math.floor(p.y / cell)}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(p);
  }
  return [...groups.values()].map((members) => {
    const events = members.reduce((n, p) => n + (p.place.events || 1), 0);
    const x = members.reduce((n, p) => n + p.x * (p.place.events || 1), 0) / events;
    const y = members.reduce((n, p) => n + p.y * (p.place.events || 1), 0) / events;
    return { members, events, x, y };
  });
}

/** The markers layer, redrawn for each view: one circle per cluster of nearby places (a count on
 * it when it holds several), sized on screen by its events. */
function markerLayer(points, onPick) {
  const g = s('g', { class: 'markers' });
  const max = Math.max(1, ...points.map((p) => p.place.events || 1));
  const draw = (view) => {
    const px = view.pixelsPerUnit();
    clear(g);
    const cell = 44 / px;
    const groups = clusterPlaces(points, cell).sort((a, b) => b.events - a.events);
    for (const c of groups) {
      const many = c.members.length > 1;
      const rPx = Math.min(26, 5 + 9 * Math.sqrt(Math.min(1, c.events / max)) + (many ? 4 : 0));
      const label = many ? `${plural(c.members.length, 'place')}, ${plural(c.events, 'event')}` : `${c.members[0].place.place}: ${plural(c.events, 'event')}`;
      const dot = s('circle', {
        class: many ? 'marker cluster' : 'marker',
        cx: c.x.toFixed(2),
        cy: c.y.toFixed(2),
        r: (rPx / px).toFixed(3),
        dataset: many ? { places: c.members.length, events: c.events } : { place: c.members[0].place.place, events: c.events },
        tabindex: '0',
        role: 'button',
        'aria-label': label,
      }, s('title', {}, label));
      const open = (evt) => {
        evt.stopPropagation();
        for (const el of g.querySelectorAll('.marker.selected')) el.classList.remove('selected');
        dot.classList.add('selected');
        onPick(c, dot);
      };
      dot.addEventListener('click', open);
      dot.addEventListener('keydown', (evt) => {
        if (evt.key === 'Enter') open(evt);
      });
      append(g, dot);
      if (many) {
        append(g, s('text', { class: 'cluster-count', x: c.x.toFixed(2), y: c.y.toFixed(2), 'font-size': (11 / px).toFixed(3), dy: '0.35em', 'text-anchor': 'middle' }, String(c.events)));
      }
    }
  };
  return { g, draw };
}

const SERIES = [
  ['events', 'events'],
  ['claims', 'claims'],
  ['documents', 'documents'],
];

/** Grouped bars per period: events, claims and documents ({date, events, claims, documents} items). */
export function timelineChart(rows) {
  const dated = rows.filter((t) => t.date);
  if (!dated.length) return notice('No dated events, claims or documents yet.');
  const max = Math.max(1, ...dated.flatMap((t) => SERIES.map(([key]) => Number(t[key] || 0))));
  const chart = h('div', { class: 'bars', id: 'timeline-bars' });
  for (const t of dated) {
    const group = h('div', { class: 'bar', title: `${t.date}: ${SERIES.map(([key, label]) => `${t[key] || 0} ${label}`).join(', ')}` });
    const fills = h('div', { class: 'bar-group' });
    for (const [key] of SERIES) {
      const n = Number(t[key] || 0);
      const fill = h('span', { class: `bar-fill bar-${key}` }, n ? h('span', { class: 'bar-count' }, String(n)) : null);
      fill.style.height = `${n ? Math.max(3, (92 * n) / max) : 0}%`;
      append(fills, fill);
    }
    append(chart, append(group, fills, h('span', { class: 'bar-label' }, t.date)));
  }
  const key = h('div', { class: 'legend' }, SERIES.map(([k, label]) => h('span', { class: 'legend-item' }, h('span', { class: `legend-box bar-${k}` }), label)));
  return h('div', {}, key, chart);
}

/**
 * The most recent dated events, newest first, each with its sentence and document; those under the
 * confidence threshold are hidden saying so (a button shows them, faded) -- never silently.
 */
function recentEvents(body, onToggle) {
  const rows = items(body);
  const note = hiddenNotice(body, onToggle);
  if (!rows.length) return note || notice('No events stored yet.');
  return h('div', {}, note, h('ul', { class: 'event-list', id: 'recent-events' }, rows.map((v) => eventItem(v, body.confidence_threshold))));
}

/**
 * Zoom and pan by the SVG viewBox: wheel, drag, and buttons. The view takes the element's aspect
 * (the map fills its pane) and never leaves the world; ``onChange(view)`` redraws the markers.
 */
export class MapView {
  constructor(svg, full, onChange = null) {
    this.svg = svg;
    this.full = full;
    this.onChange = onChange;
    this.aspect = this.measure();
    this.view = { ...full };
    this.listen();
    if (typeof ResizeObserver !== 'undefined') {
      new ResizeObserver(() => {
        const aspect = this.measure();
        if (Math.abs(aspect - this.aspect) > 1e-3) {
          this.aspect = aspect;
          this.set(this.view);
        }
      }).observe(svg);
    }
  }

  measure() {
    const r = this.svg.getBoundingClientRect();
    return r.width > 0 && r.height > 0 ? r.width / r.height : this.full.w / this.full.h;
  }

  /** The widest view: the whole map in both directions. */
  maxWidth() {
    return Math.max(this.full.w, this.full.h * this.aspect);
  }

  /** Screen pixels per viewBox unit. */
  pixelsPerUnit() {
    const r = this.svg.getBoundingClientRect();
    return (r.width || this.full.w) / this.view.w;
  }

  /** Show ``view`` ({x, y, w[, h]}) keeping its centre, at the element's aspect, within the map. */
  set(view) {
    const f = this.full;
    const w = Math.min(this.maxWidth(), Math.max(f.w / 80, view.w));
    const hgt = w / this.aspect;
    const vh = view.h === undefined ? view.w / this.aspect : view.h;
    let cx = view.x + view.w / 2;
    let cy = view.y + vh / 2;
    cx = w >= f.w ? f.x + f.w / 2 : Math.min(f.x + f.w - w / 2, Math.max(f.x + w / 2, cx));
    cy = hgt >= f.h ? f.y + f.h / 2 : Math.min(f.y + f.h - hgt / 2, Math.max(f.y + hgt / 2, cy));
    this.view = { x: cx - w / 2, y: cy - hgt / 2, w, h: hgt };
    this.svg.setAttribute('viewBox', `${this.view.x.toFixed(2)} ${this.view.y.toFixed(2)} ${w.toFixed(2)} ${hgt.toFixed(2)}`);
    if (this.onChange) this.onChange(this);
  }

  /** Zoom by ``factor`` keeping the point (cx, cy) where it is on screen. */
  zoom(factor, cx = this.view.x + this.view.w / 2, cy = this.view.y + this.view.h / 2) {
    const v = this.view;
    this.set({ x: cx - (cx - v.x) / factor, y: cy - (cy - v.y) / factor, w: v.w / factor, h: v.h / factor });
  }

  /** Zoom by ``factor`` centred on ``point`` ([x, y]). */
  zoomTo(factor, point) {
    const w = this.view.w / factor;
    const hgt = this.view.h / factor;
    this.set({ x: point[0] - w / 2, y: point[1] - hgt / 2, w, h: hgt });
  }

  /** Show every point [x, y] with a margin (at least 1/12 of the map's width). */
  fit(points) {
    if (!points.length) return this.set(this.full);
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const w = Math.max(this.full.w / 12, (x1 - x0) * 1.15 + 16, ((y1 - y0) * 1.15 + 16) * this.aspect);
    return this.set({ x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - w / this.aspect / 2, w, h: w / this.aspect });
  }

  /** Whether [x, y] is in view. */
  shows([x, y]) {
    const v = this.view;
    return x >= v.x && x <= v.x + v.w && y >= v.y && y <= v.y + v.h;
  }

  toSvg(evt) {
    const rect = this.svg.getBoundingClientRect();
    return [this.view.x + ((evt.clientX - rect.left) / rect.width) * this.view.w, this.view.y + ((evt.clientY - rect.top) / rect.height) * this.view.h];
  }

  listen() {
    this.svg.addEventListener(
      'wheel',
      (evt) => {
        evt.preventDefault();
        const [cx, cy] = this.toSvg(evt);
        this.zoom(evt.deltaY < 0 ? 1.25 : 0.8, cx, cy);
      },
      { passive: false },
    );
    let drag = null;
    this.svg.addEventListener('pointerdown', (evt) => {
      if (evt.target.classList.contains('marker') || evt.button !== 0) return;
      drag = { x: evt.clientX, y: evt.clientY, view: { ...this.view } };
      this.svg.setPointerCapture(evt.pointerId);
      this.svg.classList.add('dragging');
    });
    this.svg.addEventListener('pointermove', (evt) => {
      if (!drag) return;
      const rect = this.svg.getBoundingClientRect();
      const dx = ((evt.clientX - drag.x) / rect.width) * drag.view.w;
      const dy = ((evt.clientY - drag.y) / rect.height) * drag.view.h;
      this.set({ ...drag.view, x: drag.view.x - dx, y: drag.view.y - dy });
    });
    const end = () => {
      drag = null;
      this.svg.classList.remove('dragging');
    };
    this.svg.addEventListener('pointerup', end);
    this.svg.addEventListener('pointercancel', end);
  }
}

/** Where "+" zooms: the event-weighted centre of the places in view (the data), else the view's centre. */
export function zoomFocus(view, points) {
  const seen = points.filter((p) => view.shows([p.x, p.y]));
  if (!seen.length) return [view.view.x + view.view.w / 2, view.view.y + view.view.h / 2];
  const n = seen.reduce((t, p) => t + (p.place.events || 1), 0);
  return [seen.reduce((t, p) => t + p.x * (p.place.events || 1), 0) / n, seen.reduce((t, p) => t + p.y * (p.place.events || 1), 0) / n];
}

function controls(view, points) {
  const button = (label, title, action) => h('button', { type: 'button', title, 'aria-label': title, onclick: action }, label);
  const xy = points.map((p) => [p.x, p.y]);
  return h(
    'div',
    { class: 'map-controls' },
    button('+', 'Zoom in (towards the events in view)', () => view.zoomTo(1.5, zoomFocus(view, points))),
    button('−', 'Zoom out', () => view.zoom(1 / 1.5)),
    button('Events', 'Show all event locations', () => view.fit(xy)),
    button('World', 'Show the whole world', () => view.set({ ...view.full, w: view.maxWidth() })),
  );
}

export async function renderMap(app) {
  document.title = 'Map · newsgraph';
  const [, yTop] = project(0, TOP);
  const [, yBottom] = project(0, BOTTOM);
  const svg = s('svg', { class: 'map', id: 'map', viewBox: `0 ${yTop.toFixed(0)} ${W} ${(yBottom - yTop).toFixed(0)}`, role: 'img', 'aria-label': 'World map of event locations' }, s('rect', { class: 'sea', x: 0, y: 0, width: W, height: H }), graticule());
  const side = h('aside', { class: 'graph-side', id: 'place-panel' }, h('h2', {}, 'Places'), notice('Click a circle for the events that happened there; a circle with a number holds several places (click to zoom in).'));
  const popup = h('div', { class: 'map-popup', id: 'map-popup', hidden: true, role: 'dialog', 'aria-label': 'Place' });
  const mapBox = h('div', { class: 'map-box' }, svg, popup);
  const timelineBox = h('div', { id: 'timeline' }, h('p', { class: 'loading' }, 'Loading the timeline…'));
  const eventsBox = h('div', { id: 'events-box' }, h('p', { class: 'loading' }, 'Loading events…'));
  clear(app);
  append(
    app,
    h('section', { class: 'hero compact' }, h('h1', {}, 'Map and timeline'), h('p', { class: 'lead' }, 'Where the stored events took place, and when. Circles grow with the number of events.')),
    h('div', { class: 'graph-layout map-layout' }, mapBox, side),
    section('Timeline', timelineBox),
    section('Latest events', eventsBox),
  );
  const [world, places, times, latest] = await Promise.all([
    worldLayer().catch((err) => ({ error: err })),
    get('/map').catch((err) => ({ error: err })),
    get('/timeline').catch((err) => ({ error: err })),
    get('/events', { limit: 15 }).catch((err) => ({ error: err })),
  ]);
  if (world.error) mapBox.after(notice(world.error.message, 'error'));
  else svg.insertBefore(world, svg.querySelector('.graticule').nextSibling);
  if (places.error) mapBox.after(notice(places.error.message, 'error'));
  else {
    const rows = items(places);
    const points = rows
      .filter((p) => p.lat !== null && p.lat !== undefined && p.lon !== null && p.lon !== undefined)
      .map((p) => {
        const [x, y] = project(p.lon, p.lat);
        return { x, y, place: p };
      });
    const pick = (cluster, dot) => {
      const box = mapBox.getBoundingClientRect();
      const r = dot.getBoundingClientRect();
      const at = [r.left + r.width / 2 - box.left, r.top + r.height / 2 - box.top];
      if (cluster.members.length > 1) {
        // zoom in on the cluster (at least twice); when no closer view separates it, list its places
        const xs = cluster.members.map((m) => m.x);
        const ys = cluster.members.map((m) => m.y);
        const before = view.view.w;
        const w = Math.min(before / 2, Math.max(Math.max(...xs) - Math.min(...xs), (Math.max(...ys) - Math.min(...ys)) * view.aspect) * 2.5);
        const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
        const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
        view.set({ x: cx - w / 2, y: cy - w / view.aspect / 2, w });
        if (view.view.w < before * 0.95) return;
      }
      openPopup(popup, at, cluster.members.map((m) => m.place), side, null);
      if (cluster.members.length === 1) placeEvents(side, cluster.members[0].place);
    };
    const layer = markerLayer(points, pick);
    append(svg, layer.g);
    let frame = 0;
    const view = new MapView(svg, { x: 0, y: yTop, w: W, h: yBottom - yTop }, (v) => {
      popup.hidden = true;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => layer.draw(v));
    });
    mapBox.prepend(controls(view, points));
    view.fit(points.map((p) => [p.x, p.y]));
    layer.draw(view);
    window.newsgraphMap = view;
    if (!rows.length) mapBox.after(notice('No event has a known location yet.'));
    else append(side, h('ul', { class: 'place-list' }, [...rows].sort((a, b) => (b.events || 0) - (a.events || 0)).slice(0, 15).map((p) => h('li', {}, h('a', { href: '#', onclick: (evt) => { evt.preventDefault(); placeEvents(side, p); } }, p.place), h('span', { class: 'muted' }, ` ${p.events}`)))));
  }
  clear(timelineBox);
  append(timelineBox, times.error ? notice(times.error.message, 'error') : timelineChart(items(times)));
  const showEvents = (body) => {
    clear(eventsBox);
    append(eventsBox, body.error ? notice(body.error.message, 'error') : recentEvents(body, toggle));
  };
  const toggle = async (min) => {
    const params = min === null ? { limit: 15 } : { limit: 15, min_confidence: min };
    showEvents(await get('/events', params).catch((err) => ({ error: err })));
  };
  showEvents(latest);
}
