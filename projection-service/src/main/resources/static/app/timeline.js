// The timeline of one negotiation: filters in the URL, paging by Link, live from /api/stream.
import { h, replace } from './dom.js';
import { get, getJson, enc, follow } from './api.js';
import { itemCard, itemBody } from './items.js';
import { describeWhen } from './format.js';
import { crumbs } from './app.js';

const TYPES = ['MEETING', 'STATEMENT', 'POSITION', 'SANCTIONS', 'APPOINTMENT', 'REPORT', 'OTHER'];
const FILTERS = ['from', 'to', 'actor', 'topic', 'knownAt'];
const PAGE = 100;

function filtersFromUrl() {
  const q = new URLSearchParams(location.search);
  const f = { type: q.getAll('type').filter((t) => TYPES.includes(t)), includeRetracted: q.get('includeRetracted') === 'true' };
  for (const k of FILTERS) f[k] = q.get(k) || '';
  return f;
}

function query(f) {
  const q = new URLSearchParams();
  for (const t of f.type) q.append('type', t);
  for (const k of FILTERS) if (f[k]) q.set(k, f[k]);
  if (f.includeRetracted) q.set('includeRetracted', 'true');
  return q;
}

/** The client-side twin of the server's filters, for live items (docs/api.md, timeline parameters). */
function matches(item, f) {
  if (f.type.length && !f.type.includes(item.type)) return false;
  if (f.actor && !(item.actors || []).some((a) => a.id === f.actor)) return false;
  if (f.topic && !(item.topics || []).includes(f.topic)) return false;
  if (f.from && item.occurred?.latest && item.occurred.latest < `${f.from}T00:00:00Z`) return false;
  if (f.to && item.occurred?.earliest && item.occurred.earliest > `${f.to}T23:59:59.999999Z`) return false;
  if (item.retracted && !f.includeRetracted) return false;
  return true;
}

function order(a, b) {
  const key = (x) => [x.occurred?.earliest || '', x.occurred?.latest || '', x.recordedAt || '', x.eventId];
  const ka = key(a); const kb = key(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  return 0;
}

export async function render(main, nid) {
  const base = `/api/negotiations/${enc(nid)}`;
  // The stream opens first and buffers, so nothing recorded while the first page loads is lost.
  const live = openStream(nid);
  const [negotiation, actorList] = await Promise.all([getJson(base), getJson(`${base}/actors`).catch(() => [])]);
  const actors = new Map(actorList.map((a) => [a.id, a]));
  document.title = `${negotiation.title || nid} — timeline`;
  crumbs([`/n/${enc(nid)}`, negotiation.title || nid]);

  let f = filtersFromUrl();
  const loaded = new Map(); // eventId → item
  let next = null;
  const list = h('ol', { class: 'timeline', 'aria-live': 'off' });
  const status = h('p', { class: 'live-status', role: 'status' }, 'Live updates: connecting…');
  const notices = h('div', { class: 'notices', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'more', hidden: true, onclick: () => loadMore() }, 'Load more');
  const count = h('p', { class: 'count muted' });
  const form = filterForm(f, actorList, (nf) => { f = nf; history.pushState(null, '', `${location.pathname}?${query(f)}`); reload(); });

  replace(main,
    h('h1', {}, negotiation.title || nid),
    negotiation.description ? h('p', { class: 'description' }, negotiation.description) : null,
    h('p', { class: 'actions' }, h('a', { href: `/n/${enc(nid)}/state` }, 'State of the deal'), ' · ',
      h('a', { href: `${base}/timeline?${query(f)}` }, 'this timeline as JSON')),
    form, status, notices,
    h('section', { 'aria-label': 'Developments' }, count, list, more));

  const topicHref = (t) => { const q = query({ ...f, topic: t }); return `${location.pathname}?${q}`; };
  const card = (item) => itemCard(item, { actors, topicHref });
  let scale = null;

  function drawBars() {
    const items = [...loaded.values()];
    const lo = Math.min(...items.map((i) => Date.parse(i.occurred?.earliest)).filter(Number.isFinite));
    const hi = Math.max(...items.map((i) => Date.parse(i.occurred?.latest)).filter(Number.isFinite));
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi <= lo) return;
    scale = { lo, hi };
    for (const li of list.children) placeBar(li.querySelector('.bar'), loaded.get(li.dataset.eventId));
  }
  function placeBar(bar, item) {
    if (!bar || !scale || !item?.occurred?.earliest) return;
    const span = scale.hi - scale.lo;
    const a = (Date.parse(item.occurred.earliest) - scale.lo) / span;
    const b = (Date.parse(item.occurred.latest) - scale.lo) / span;
    const mark = bar.firstChild;
    mark.style.left = `${(a * 100).toFixed(2)}%`;
    mark.style.width = describeWhen(item.occurred).shape === 'point' ? '' : `${Math.max(0.6, (b - a) * 100).toFixed(2)}%`;
  }
  function entry(item) {
    const shape = describeWhen(item.occurred).shape;
    const bar = h('div', { class: `bar bar-${shape} ${item.occurred?.precision === 'APPROXIMATE' ? 'bar-approx' : ''}`, 'aria-hidden': 'true' }, h('span', {}));
    return h('li', { dataset: { eventId: item.eventId } }, bar, card(item));
  }
  function showCount() {
    count.textContent = `${loaded.size} development${loaded.size === 1 ? '' : 's'} shown${next ? ' (more to load)' : ''}`;
  }

  async function reload() {
    const ask = `${base}/timeline?${query(f)}&limit=${PAGE}`;
    list.setAttribute('aria-busy', 'true');
    try {
      const page = await get(ask);
      loaded.clear();
      page.data.forEach((i) => loaded.set(i.eventId, i));
      next = page.next;
      replace(list, page.data.map(entry));
      more.hidden = !next;
      drawBars();
      showCount();
    } catch (e) {
      replace(list, h('li', { class: 'problem', role: 'alert' }, e.message));
    } finally {
      list.removeAttribute('aria-busy');
    }
  }
  async function loadMore() {
    if (!next) return;
    more.disabled = true;
    try {
      const page = await get(next);
      for (const item of page.data) {
        if (loaded.has(item.eventId)) continue;
        loaded.set(item.eventId, item);
        list.append(entry(item));
      }
      next = page.next;
      more.hidden = !next;
      drawBars();
      showCount();
    } finally {
      more.disabled = false;
    }
  }

  function notice(text, eventId) {
    const n = h('p', { class: 'notice' }, text, ' ', eventId ? h('a', { href: `#ev-${eventId}` }, 'show') : null);
    notices.prepend(n);
    while (notices.children.length > 3) notices.lastChild.remove();
    setTimeout(() => n.remove(), 20000);
  }
  function flash(el) {
    el.classList.remove('fresh');
    void el.offsetWidth; // restart the highlight
    el.classList.add('fresh');
  }

  live.onMessage = (kind, data) => {
    if (f.knownAt) return; // a past "as known at" view does not change
    if (kind === 'development') {
      if (loaded.has(data.eventId) || !matches(data, f)) return;
      const last = list.lastElementChild && loaded.get(list.lastElementChild.dataset.eventId);
      if (next && last && order(data, last) > 0) return; // it belongs to a page not loaded yet
      loaded.set(data.eventId, data);
      const li = entry(data);
      const before = [...list.children].find((c) => order(data, loaded.get(c.dataset.eventId)) < 0);
      list.insertBefore(li, before || null);
      drawBars();
      showCount();
      flash(li);
      notice(`New: ${data.title}`, data.eventId);
    } else if (kind === 'correction' || kind === 'retraction') {
      const li = list.querySelector(`li[data-event-id="${CSS.escape(data.eventId)}"]`);
      if (!li || !data.current) return;
      loaded.set(data.eventId, data.current);
      const article = li.querySelector('article');
      replace(article, itemBody(data.current, { actors, topicHref }));
      article.classList.toggle('is-retracted', !!data.current.retracted);
      const reason = data.amendment?.reason ? `: “${data.amendment.reason}”` : '';
      article.prepend(h('p', { class: 'update-note', role: 'note' }, kind === 'retraction' ? 'Retracted just now' : 'Corrected just now', reason));
      placeBar(li.querySelector('.bar'), data.current);
      flash(li);
      notice(`${kind === 'retraction' ? 'Retracted' : 'Corrected'}: ${data.current.title}`, data.eventId);
    }
  };
  live.setStatusHandler((text) => { status.textContent = `Live updates: ${text}`; });

  window.addEventListener('popstate', () => { f = filtersFromUrl(); form.setValues(f); reload(); });
  await reload();
  // A link to one development (/n/{nid}#ev-…): the list is drawn now, so go to it.
  if (location.hash.startsWith('#ev-')) document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
  live.ready();
  main.focus({ preventScroll: true });
}

function filterForm(f, actorList, onChange) {
  const types = h('fieldset', { class: 'types' }, h('legend', {}, 'Type'),
    TYPES.map((t) => h('label', {}, h('input', { type: 'checkbox', name: 'type', value: t, checked: f.type.includes(t) }), ` ${t.toLowerCase()}`)));
  const actor = h('select', { name: 'actor', id: 'f-actor' }, h('option', { value: '' }, 'any'),
    actorList.map((a) => h('option', { value: a.id, selected: a.id === f.actor }, a.name || a.id)));
  const field = (name, label, type, value) => h('div', { class: 'field' },
    h('label', { for: `f-${name}` }, label), h('input', { id: `f-${name}`, name, type, value }));
  const retracted = h('label', {}, h('input', { type: 'checkbox', name: 'includeRetracted', checked: f.includeRetracted }), ' include retracted');
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter the timeline' },
    types,
    h('div', { class: 'field' }, h('label', { for: 'f-actor' }, 'Actor'), actor),
    field('topic', 'Topic', 'text', f.topic),
    field('from', 'From', 'date', f.from),
    field('to', 'To', 'date', f.to),
    field('knownAt', 'As known at', 'date', f.knownAt),
    retracted,
    h('div', { class: 'field buttons' }, h('button', { type: 'submit' }, 'Apply'), ' ',
      h('button', { type: 'button', class: 'secondary', onclick: () => { form.setValues({ type: [], includeRetracted: false }); emit(); } }, 'Clear')));
  function read() {
    const data = new FormData(form);
    const nf = { type: data.getAll('type'), includeRetracted: data.get('includeRetracted') === 'on' };
    for (const k of FILTERS) nf[k] = String(data.get(k) || '').trim();
    return nf;
  }
  function emit() { onChange(read()); }
  form.addEventListener('submit', (e) => { e.preventDefault(); emit(); });
  // Checkboxes and selects apply at once; text and dates on Apply or when they lose focus.
  form.addEventListener('change', emit);
  form.setValues = (nf) => {
    for (const box of form.querySelectorAll('input[name=type]')) box.checked = nf.type.includes(box.value);
    for (const k of FILTERS) if (form.elements[k]) form.elements[k].value = nf[k] || '';
    form.elements.includeRetracted.checked = !!nf.includeRetracted;
  };
  return form;
}

/**
 * /api/stream for the negotiation, from now, through follow() (api.js): it resumes after a drop
 * from the last position seen, also when reads need the read token. Messages wait until the first
 * page is shown.
 */
function openStream(nid) {
  let statusText = 'connecting…';
  let statusHandler = () => {};
  const api = { onMessage: () => {}, ready: null };
  api.setStatusHandler = (fn) => { statusHandler = fn; fn(statusText); };
  const status = (text) => { statusText = text; statusHandler(text); };
  const buffer = [];
  let isReady = false;
  api.ready = () => { isReady = true; buffer.splice(0).forEach(([k, d]) => api.onMessage(k, d)); };
  follow(`/api/stream?${new URLSearchParams({ negotiation: nid })}`, {
    onStatus: status,
    onEvent: (kind, text) => {
      if (!['development', 'correction', 'retraction'].includes(kind)) return;
      let data;
      try { data = JSON.parse(text); } catch (err) { return; }
      if (isReady) api.onMessage(kind, data); else buffer.push([kind, data]);
    },
  });
  return api;
}
