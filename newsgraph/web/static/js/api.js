// The JSON API under /api: one fetch helper that turns the API's error shape into an exception.

export class ApiError extends Error {
  constructor(status, message, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** GET /api/... with query parameters (empty ones left out); resolves to the parsed JSON. */
export async function get(path, params = {}) {
  const url = new URL('/api' + path, window.location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    url.searchParams.set(key, String(value));
  }
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' } });
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
    throw new ApiError(response.status, error.message || `${response.status} ${response.statusText}`, error.code);
  }
  return body;
}

/** The items of a list answer ({items, limit, offset, total}). */
export function items(body) {
  return body.items;
}
