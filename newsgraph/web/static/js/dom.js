// Building the DOM without parsing HTML: every string goes in through textContent or a text node,
// every attribute through setAttribute, links through safeHref. Article text is untrusted.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A relative link ("/...", "?...", "#...") or an http(s) URL; anything else (javascript:, data:) becomes "#". */
export function safeHref(value) {
  const s = String(value ?? '');
  if (/^[/?#]/.test(s) && !s.startsWith('//')) return s;
  try {
    const u = new URL(s);
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
  } catch {
    // not a URL
  }
  return '#';
}

function setProps(el, props) {
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    else if (key === 'dataset') for (const [k, v] of Object.entries(value)) el.dataset[k] = String(v);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'href' || key === 'src') el.setAttribute(key, safeHref(value));
    else el.setAttribute(key, value === true ? '' : String(value));
  }
}

/** Append children (nodes, strings, numbers, nested arrays; null/false skipped) as nodes or text. */
export function append(el, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** h('a', {href: '/x', class: 'link'}, 'text', h('b', {}, 'bold')) */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  setProps(el, props);
  return append(el, children);
}

/** " p. 4" after evidence on a page of a paged document (a PDF report); null for any other. */
export function onPage(record) {
  return record && record.page ? h('span', { class: 'page-cite muted' }, ` p. ${record.page}`) : null;
}

/** The same for SVG elements. */
export function s(tag, props, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setProps(el, props);
  return append(el, children);
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function docUrl(id) {
  return '/documents/' + encodeURIComponent(id);
}

export function actorUrl(id) {
  return '/actors/' + encodeURIComponent(id);
}

/** A small coloured tag ("hedged", "person", "CONSULT"). */
export function badge(text, kind) {
  return h('span', { class: ['badge', kind && `badge-${String(kind).toLowerCase().replace(/[^a-z0-9_-]/g, '')}`] }, text);
}

/** "3 documents" / "1 document". */
export function plural(n, word, many) {
  return `${Number(n).toLocaleString('en')} ${n === 1 ? word : many || word + 's'}`;
}

/** A message box for an empty result or an error. */
export function notice(text, kind = 'info') {
  return h('p', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : null }, text);
}

/** Label-value rows as a <dl>. Skips empty values. */
export function facts(rows) {
  const dl = h('dl', { class: 'facts' });
  for (const [label, value] of rows) {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) continue;
    append(dl, h('dt', {}, label), h('dd', {}, value));
  }
  return dl;
}

export function section(title, ...children) {
  return h('section', { class: 'card' }, h('h2', {}, title), children);
}

/** Debounce for search-as-you-type. */
export function debounce(fn, ms = 200) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** What follows a path prefix (/documents/{id}), decoded. */
export function pathId(prefix) {
  const rest = window.location.pathname.slice(prefix.length);
  return decodeURIComponent(rest.replace(/\/+$/, ''));
}

/** One query-string parameter of this page. */
export function param(name) {
  return new URLSearchParams(window.location.search).get(name) || '';
}

/** A confidence as shown: two decimals, or "unscored" for facts stored before newsgraph scored them. */
export function confidenceText(confidence) {
  return typeof confidence === 'number' ? confidence.toFixed(2) : 'unscored';
}

/** Whether a fact is under the threshold (shown faded, never silently dropped). Unscored facts are not. */
export function unsure(confidence, threshold) {
  return typeof confidence === 'number' && typeof threshold === 'number' && confidence < threshold;
}

/** The class and tooltip that fade a fact under the threshold. */
export function confidenceProps(confidence, threshold) {
  if (!unsure(confidence, threshold)) return { class: null, title: typeof confidence === 'number' ? `confidence ${confidenceText(confidence)}` : null };
  return { class: 'unsure', title: `confidence ${confidenceText(confidence)}: under the threshold ${confidenceText(threshold)}, hidden from the lists by default` };
}

/**
 * What a list answer says about the confidence threshold: "N facts under confidence 0.30 hidden"
 * with a button that shows them (``onToggle(0)``), or, when they are shown, a line saying that they
 * are faded with a button that hides them again (``onToggle(null)``: the default threshold).
 */
export function hiddenNotice(body, onToggle) {
  if (!body) return null;
  const threshold = body.confidence_threshold;
  const hidden = body.hidden_below_confidence || 0;
  if (hidden > 0) {
    return h(
      'p',
      { class: 'notice notice-info hidden-note', role: 'status' },
      `${plural(hidden, 'fact')} under confidence ${confidenceText(body.min_confidence)} hidden. `,
      h('button', { type: 'button', class: 'link-button show-hidden', onclick: () => onToggle(0) }, 'Show them (faded)'),
    );
  }
  if (body.min_confidence === 0 && typeof threshold === 'number' && threshold > 0) {
    return h(
      'p',
      { class: 'notice notice-info hidden-note', role: 'status' },
      `Showing every fact; those under confidence ${confidenceText(threshold)} are faded. `,
      h('button', { type: 'button', class: 'link-button hide-hidden', onclick: () => onToggle(null) }, 'Hide them'),
    );
  }
  return null;
}

// -- lists that page and filter (issue 18): the state lives in the URL ---------------------------

/** The page's query parameters as an object (empty ones left out). */
export function urlState() {
  const out = {};
  for (const [key, value] of new URLSearchParams(window.location.search)) if (value !== '') out[key] = value;
  return out;
}

/** Change the page's query parameters (null or '' removes one): a new history entry, so the back
 * button returns to the previous filters and page; ``replace`` changes the current one instead. */
export function setUrlState(changes, { replace = false } = {}) {
  const params = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') params.delete(key);
    else params.set(key, String(value));
  }
  const query = params.toString();
  const url = window.location.pathname + (query ? `?${query}` : '');
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
}

/** Call ``render`` whenever the back or forward button changes the URL of this page. */
export function onUrlChange(render) {
  window.addEventListener('popstate', () => render());
}

/** "21–40 of 128" and buttons to the first, previous, next and last page. ``go(offset)`` is called
 * with the offset of the page asked for. */
export function pager({ total, offset, limit, shown }, go, id) {
  const from = shown ? offset + 1 : 0;
  const to = offset + shown;
  const count = typeof total === 'number' ? `${from.toLocaleString('en')}–${to.toLocaleString('en')} of ${total.toLocaleString('en')}` : `${from}–${to}`;
  const last = typeof total === 'number' && total > 0 ? Math.floor((total - 1) / limit) * limit : offset;
  const more = typeof total === 'number' ? to < total : shown === limit;
  const button = (label, target, enabled, cls) =>
    h('button', { type: 'button', class: ['small-button', 'pager-button', cls], disabled: !enabled, 'aria-label': label, onclick: () => go(target) }, label);
  const dataset = { total: total ?? '', offset, limit };
  if (typeof total === 'number' && total <= limit && offset === 0) return h('nav', { class: 'pager', id, 'aria-label': 'pages', dataset }, h('span', { class: 'pager-count' }, count));
  return h(
    'nav',
    { class: 'pager', id, 'aria-label': 'pages', dataset },
    h('span', { class: 'pager-count' }, count),
    button('First', 0, offset > 0, 'pager-first'),
    button('Previous', Math.max(0, offset - limit), offset > 0, 'pager-prev'),
    button('Next', offset + limit, more, 'pager-next'),
    typeof total === 'number' ? button('Last', last, offset < last, 'pager-last') : null,
  );
}

/**
 * A filter form: ``fields`` are {name, label, type: text|select|number, options: [[value, label]],
 * placeholder, step, min, max}; ``values`` their values now. Applying calls ``onApply({name: value})``
 * (empty ones as ''); "Clear" calls it with every field empty.
 */
export function filterForm(fields, values, onApply, id) {
  const inputs = {};
  const controls = fields.map((f) => {
    let input;
    if (f.type === 'select') {
      input = h('select', { name: f.name, id: `${id}-${f.name}` }, h('option', { value: '' }, f.any || 'any'), (f.options || []).map(([value, label]) => h('option', { value }, label ?? value)));
      input.value = values[f.name] || '';
      if (values[f.name] && input.value !== values[f.name]) {
        append(input, h('option', { value: values[f.name] }, values[f.name]));
        input.value = values[f.name];
      }
    } else {
      input = h('input', {
        name: f.name,
        id: `${id}-${f.name}`,
        type: f.type || 'text',
        value: values[f.name] || '',
        placeholder: f.placeholder || null,
        step: f.step || null,
        min: f.min ?? null,
        max: f.max ?? null,
        size: f.size || 12,
      });
    }
    inputs[f.name] = input;
    return h('label', { class: 'field' }, h('span', {}, f.label), input);
  });
  const read = () => Object.fromEntries(Object.entries(inputs).map(([k, el]) => [k, el.value.trim()]));
  const form = h(
    'form',
    { class: 'filters list-filters', id, role: 'search' },
    controls,
    h('button', { type: 'submit', class: 'small-button' }, 'Apply'),
    h('button', { type: 'button', class: 'small-button clear-filters', onclick: () => onApply(Object.fromEntries(Object.keys(inputs).map((k) => [k, '']))) }, 'Clear'),
  );
  form.addEventListener('submit', (evt) => {
    evt.preventDefault();
    onApply(read());
  });
  return form;
}

/** The usual date-range fields of a filter form. */
export const DATE_FIELDS = [
  { name: 'since', label: 'From', placeholder: 'YYYY-MM-DD', size: 10 },
  { name: 'until', label: 'To', placeholder: 'YYYY-MM-DD', size: 10 },
];

export const MODALITIES = ['asserted', 'hedged', 'speculative', 'planned', 'negated', 'question', 'claimed'];
export const ACTOR_KINDS = ['person', 'organization', 'group', 'state', 'igo', 'media', 'place'];

/** The minimum confidence field (empty: the calibrated default; 0 shows every fact). */
export const CONFIDENCE_FIELD = { name: 'min_confidence', label: 'Min. confidence', type: 'number', step: '0.05', min: 0, max: 1, placeholder: 'default', size: 5 };

/** The outlet field, its options the stored outlets (GET /api/sources). */
export function sourceField(sources) {
  return { name: 'source', label: 'Outlet', type: 'select', options: (sources || []).map((s) => [s.source, `${s.source} (${s.documents})`]) };
}

export function eventUrl(doc, id) {
  return '/events/' + encodeURIComponent(`${doc}:${id}`);
}

export function claimUrl(doc, id) {
  return '/claims/' + encodeURIComponent(`${doc}:${id}`);
}

export function storyUrl(id) {
  return '/stories/' + encodeURIComponent(id);
}

/** A watchlist hit's page: it is named by the screened name, its list and the entry's reference. */
export function hitUrl(hit) {
  return '/hits/view?' + new URLSearchParams({ name: hit.screened_name, list: hit.list, reference: hit.reference }).toString();
}

export function pathUrl(a, b) {
  return '/path?' + new URLSearchParams({ a: a || '', b: b || '' }).toString();
}

/** A link to a page with query parameters (empty ones left out). */
export function withQuery(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** A document's title as listed (the API names untitled documents by their first line). */
export function docTitle(d) {
  return (d && (d.title || d.id || d.document)) || 'document';
}

/** The page size of a list: ``?limit=`` in the URL (1-500), else ``fallback``. */
export function pageSize(state, fallback = 20) {
  const n = Number.parseInt(state.limit, 10);
  return Number.isInteger(n) && n >= 1 && n <= 500 ? n : fallback;
}
