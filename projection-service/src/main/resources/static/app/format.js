// Honest dates and values: what the source said, as precisely as it said it, and no more.
import { h, safeLink, slug } from './dom.js';

const POINT = new Set(['SECOND', 'MINUTE', 'HOUR', 'DAY']);

function fmt(instant, zone, options) {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: zone || 'UTC', ...options }).format(new Date(instant));
  } catch (e) {
    return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', ...options }).format(new Date(instant));
  }
}

const DAY = { day: 'numeric', month: 'short', year: 'numeric' };
const TIME = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** The EDTF value without its qualifier (~ ? %), for reading the date it qualifies. */
function bare(value) {
  return String(value || '').replace(/[~?%]/g, '');
}

/**
 * A readable label for an occurred {value, text, zone, earliest, latest, precision}, and whether it
 * is drawn as a point or a span. Unknown or missing parts degrade to the raw value.
 */
export function describeWhen(occurred) {
  if (!occurred) return { label: 'date unknown', shape: 'unknown' };
  const { value, zone, earliest, latest, precision } = occurred;
  if (!earliest || !latest) return { label: value || 'date unknown', shape: 'unknown' };
  const z = zone || 'UTC';
  const zoneNote = zone && zone !== 'UTC' ? ` (${zone})` : '';
  let label;
  switch (precision) {
    case 'SECOND': case 'MINUTE': case 'HOUR':
      label = `${fmt(earliest, z, DAY)}, ${fmt(earliest, z, TIME)}${zoneNote}`; break;
    case 'DAY': label = fmt(earliest, z, DAY); break;
    case 'PART_OF_DAY':
      label = `${fmt(earliest, z, DAY)}, ${fmt(earliest, z, TIME)}–${fmt(latest, z, TIME)}${zoneNote}`; break;
    case 'MONTH': label = fmt(earliest, z, { month: 'long', year: 'numeric' }); break;
    case 'YEAR': label = fmt(earliest, z, { year: 'numeric' }); break;
    case 'SEASON': label = `${fmt(earliest, z, { month: 'short', year: 'numeric' })}–${fmt(latest, z, { month: 'short', year: 'numeric' })} (season ${value})`; break;
    case 'APPROXIMATE': label = `about ${bare(value)}`; break;
    case 'UNCERTAIN': label = `${bare(value)}, date uncertain`; break;
    default: // INTERVAL and anything newer
      label = `${fmt(earliest, z, DAY)} – ${fmt(latest, z, DAY)}`;
  }
  const shape = POINT.has(precision) ? 'point' : 'span';
  return { label, shape, precision };
}

/** <span class="when">: the date, its precision, and the source's own words. */
export function when(occurred, { compact = false } = {}) {
  const d = describeWhen(occurred);
  return h('span', { class: `when when-${d.shape}` },
    h('time', { datetime: occurred?.earliest || '', title: `EDTF ${occurred?.value ?? '—'}: ${occurred?.earliest ?? '?'} to ${occurred?.latest ?? '?'}` }, d.label),
    d.precision && !compact ? h('span', { class: 'precision', title: 'precision of the date' }, precisionWord(d.precision)) : null,
    occurred?.text ? h('q', { class: 'source-words', title: "the source's own words" }, occurred.text) : null);
}

export function precisionWord(p) {
  return ({ PART_OF_DAY: 'part of a day', INTERVAL: 'a span', APPROXIMATE: 'approximate', UNCERTAIN: 'uncertain' })[p]
    || String(p).toLowerCase();
}

export function isoDay(instant) {
  return instant ? String(instant).slice(0, 10) : '';
}

export function shortTime(instant) {
  if (!instant) return '—';
  return `${fmt(instant, 'UTC', DAY)} ${fmt(instant, 'UTC', TIME)} UTC`;
}

/** A claim's value as a reader says it: {min, max} → 15,000–30,000. */
export function claimValue(value) {
  const n = (x) => (typeof x === 'number' ? x.toLocaleString('en-US') : String(x));
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map(claimValue).join('; ');
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    if ('min' in value && 'max' in value && keys.length === 2) return `${n(value.min)}–${n(value.max)}`;
    if ('approx' in value && keys.length === 1) return `about ${n(value.approx)}`;
    if ('moreThan' in value && keys.length === 1) return `more than ${n(value.moreThan)}`;
    if ('lessThan' in value && keys.length === 1) return `fewer than ${n(value.lessThan)}`;
    return keys.map((k) => `${slug(k)}: ${claimValue(value[k])}`).join(', ');
  }
  return n(value);
}

/** One source: outlet, "via" the outlet it credits, when it published, link, local document. */
export function source(s) {
  if (!s) return null;
  return h('span', { class: 'source' },
    s.url ? safeLink(s.url, s.outlet || 'source') : h('span', { class: 'outlet' }, s.outlet || 'unnamed source'),
    s.via ? h('span', { class: 'via' }, ` via ${s.via}`) : null,
    s.published ? h('span', { class: 'published' }, `, published ${s.published}`) : null,
    s.ref ? h('span', { class: 'ref', title: 'local document' }, ` [${s.ref}]`) : null);
}

export function sources(list) {
  if (!list || !list.length) return h('span', { class: 'muted' }, 'no source given');
  return h('ul', { class: 'sources' }, list.map((s) => h('li', {}, source(s))));
}

/**
 * The "our inference" marker, with its note, for anything (development, claim, provision, status)
 * marked basis INFERRED; null for what its sources state (absent basis, or REPORTED).
 */
export function inference(node) {
  return inferenceOf(node?.basis, node?.note);
}

/** The marker for a basis and note given apart (a provision's status: statusBasis, statusNote). */
export function inferenceOf(basis, note) {
  if (basis !== 'INFERRED') return null;
  return h('span', { class: 'inference', dataset: { basis: 'INFERRED' }, title: 'Not reported as such: our reading of the sources' },
    h('span', { class: 'inference-label' }, 'our inference'), note ? h('span', { class: 'inference-note' }, `: ${note}`) : null);
}

export function badge(text, kind) {
  return h('span', { class: `badge ${kind ? `badge-${kind}` : ''}` }, text);
}
