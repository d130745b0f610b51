// The JSON API under /api: one fetch helper that turns the API's error shape into an exception.

export class ApiError extends Error {
  constructor(status, message, code, details) {
    super(message);
    this.status = status;
    this.code = code;
    /** The whole error object of the answer ({status, code, message, candidates?}). */
    this.details = details || {};
  }
}

async function send(url, init) {
  let response;
  try {
    response = await fetch(url, init);
  } catch (err) {
    throw new ApiError(0, `The server did not answer (${err.message}). Is newsgraph serve still running?`);
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const error = body && body.error ? body.error : {};
    throw new ApiError(response.status, error.message || `${response.status} ${response.statusText}`, error.code, error);
  }
  return body;
}

/** GET /api/... with query parameters (empty ones left out); resolves to the parsed JSON. */
export async function get(path, params = {}) {
  const url = new URL('/api' + path, window.location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    url.searchParams.set(key, String(value));
  }
  return send(url, { headers: { Accept: 'application/json' } });
}

/** POST /api/... with a JSON body and the server's token (a bearer token); resolves to the parsed JSON. */
export async function post(path, body, token) {
  const headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  return send(new URL('/api' + path, window.location.origin), { method: 'POST', headers, body: JSON.stringify(body) });
}

/** The items of a list answer ({items, limit, offset, total}). */
export function items(body) {
  return body.items;
}
