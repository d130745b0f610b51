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
