// The public JSON API of projection-service (same origin) and, for writes, timeline-service.
export const timelineUrl = document.querySelector('meta[name="timeline-url"]')?.content || 'http://127.0.0.1:8080';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

function readHeaders() {
  const token = sessionStorage.getItem('read-token');
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  return headers;
}

/** The RFC 8288 rel="next" target of a Link header, resolved against the request's URL. */
export function nextLink(header, base) {
  if (!header) return null;
  for (const part of header.split(',')) {
    const m = part.match(/<([^>]*)>\s*;(.*)/);
    if (m && /rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/.test(m[2])) return new URL(m[1], base).href;
  }
  return null;
}

async function problemOf(response) {
  try { return await response.json(); } catch (e) { return null; }
}

/** GET a JSON answer: {data, next} (next: the following page's URL, or null). */
export async function get(path, { signal } = {}) {
  const url = new URL(path, location.origin).href;
  const response = await fetch(url, { headers: readHeaders(), signal });
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return { data: await response.json(), next: nextLink(response.headers.get('Link'), url) };
}

export async function getJson(path, options) {
  return (await get(path, options)).data;
}

/** Every page of a paged list, following Link rel="next" (bounded: a page holds up to 500). */
export async function getAll(path, maxPages = 20) {
  let { data, next } = await get(path);
  const all = [...data];
  for (let i = 1; next && i < maxPages; i++) {
    ({ data, next } = await get(next));
    all.push(...data);
  }
  return all;
}

/** POST JSON to timeline-service with the write token (kept in this tab's sessionStorage only). */
export async function write(path, body, { idempotencyKey } = {}) {
  const token = sessionStorage.getItem('write-token');
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  let response;
  try {
    response = await fetch(timelineUrl + path, { method: 'POST', headers, body: JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, { title: 'timeline-service cannot be reached', detail: `${timelineUrl}: ${e.message}` });
  }
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return response.json();
}

export const enc = encodeURIComponent;
