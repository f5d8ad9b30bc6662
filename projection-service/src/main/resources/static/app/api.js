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

/**
 * Follows a Server-Sent Events stream of this origin with fetch, not EventSource: EventSource
 * cannot send headers, and with projection.read-token set the stream needs Authorization (a token
 * never goes in a URL). Like EventSource it parses the event stream format, reconnects after a drop
 * (after the server's `retry`, else 3 s) and sends Last-Event-ID, so the stream resumes without loss
 * or repeats. A refusal is reported and retried after Retry-After (else 10 s), except those no retry
 * can mend (400, 401, 404). onEvent(kind, data, id); onStatus(text). Returns { close() }.
 */
export function follow(path, { onEvent, onStatus }) {
  let lastId = null;
  let retryMs = 3000;
  let closed = false;
  let controller = null;
  let timer = null;

  async function connect() {
    controller = new AbortController();
    const headers = { ...readHeaders(), Accept: 'text/event-stream' };
    if (lastId !== null) headers['Last-Event-ID'] = lastId;
    let wait = retryMs;
    try {
      const response = await fetch(new URL(path, location.origin).href, { headers, signal: controller.signal, cache: 'no-store' });
      if (!response.ok) {
        const after = Number(response.headers.get('Retry-After'));
        wait = after > 0 ? after * 1000 : 10000;
        if ([400, 401, 404].includes(response.status)) {
          const problem = await problemOf(response);
          onStatus(response.status === 401 ? 'off: the read token is missing or wrong' : `off (${problem?.detail || response.status})`);
          return;
        }
        onStatus(`unavailable (${response.status}), retrying in ${Math.round(wait / 1000)} s`);
      } else {
        onStatus('on');
        await readEvents(response.body);
        wait = retryMs;
        if (!closed) onStatus('reconnecting…');
      }
    } catch (e) {
      if (closed) return;
      onStatus('reconnecting…');
    }
    if (!closed) timer = setTimeout(connect, wait);
  }

  // The event stream format (HTML Living Standard, "Server-sent events"): lines, blank line dispatches.
  async function readEvents(body) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    let data = [];
    let kind = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffered += value;
      let end;
      // A trailing CR may be the first half of CRLF: wait for the next chunk.
      while ((end = buffered.search(/\r\n|\r(?!$)|\n/)) >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + (buffered.startsWith('\r\n', end) ? 2 : 1));
        if (line === '') {
          if (data.length) onEvent(kind || 'message', data.join('\n'), lastId);
          data = [];
          kind = '';
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let v = colon < 0 ? '' : line.slice(colon + 1);
        if (v.startsWith(' ')) v = v.slice(1);
        if (field === 'event') kind = v;
        else if (field === 'data') data.push(v);
        else if (field === 'id' && !v.includes('\0')) lastId = v;
        else if (field === 'retry' && /^\d+$/.test(v)) retryMs = Number(v);
      }
    }
  }

  connect();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      controller?.abort();
    },
  };
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
