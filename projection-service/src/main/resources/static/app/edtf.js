// A preview of an EDTF level 0/1 value's bounds, for the Record form before it is sent. The server
// is the authority (it also checks the rules this preview skips); this shows what it will derive.
const pad = (n, w = 2) => String(n).padStart(w, '0');

function daysIn(y, m) { return new Date(Date.UTC(y, m, 0)).getUTCDate(); }

/** {earliest, latest, precision} as wall-clock strings (in the value's offset or zone), or {error}. */
export function previewEdtf(raw) {
  const value = String(raw || '').trim();
  if (!value) return { error: 'a date is required' };
  if (value.includes('/')) {
    const [a, b, ...rest] = value.split('/');
    if (rest.length || !a || !b || a === '..' || b === '..') return { error: 'an interval needs two ends: start/end' };
    const s = previewEdtf(a); const e = previewEdtf(b);
    if (s.error || e.error) return { error: s.error || e.error };
    if (s.earliest > e.latest) return { error: 'the interval ends before it starts' };
    return { earliest: s.earliest, latest: e.latest, precision: s.earliest.slice(0, 10) === e.latest.slice(0, 10) ? 'part of a day' : 'a span' };
  }
  const qualifier = value.match(/[~?%]$/)?.[0];
  const bare = qualifier ? value.slice(0, -1) : value;
  let m;
  let r;
  if ((m = bare.match(/^(\d{4})$/))) r = { earliest: `${m[1]}-01-01T00:00`, latest: `${m[1]}-12-31T23:59:59.999`, precision: 'year' };
  else if ((m = bare.match(/^(\d{4})-(2[1-4])$/))) {
    const y = Number(m[1]); const s = Number(m[2]) - 21; // spring, summer, autumn, winter (northern)
    const start = [[y, 3], [y, 6], [y, 9], [y, 12]][s]; const end = [[y, 5], [y, 8], [y, 11], [y + 1, 2]][s];
    r = { earliest: `${start[0]}-${pad(start[1])}-01T00:00`, latest: `${end[0]}-${pad(end[1])}-${daysIn(end[0], end[1])}T23:59:59.999`, precision: 'season' };
  } else if ((m = bare.match(/^(\d{4})-(\d{2})$/))) {
    const y = Number(m[1]); const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return { error: `no month ${m[2]}` };
    r = { earliest: `${m[1]}-${m[2]}-01T00:00`, latest: `${m[1]}-${m[2]}-${daysIn(y, mo)}T23:59:59.999`, precision: 'month' };
  } else if ((m = bare.match(/^(\d{4})-(\d{2})-(\d{2})$/))) {
    const y = Number(m[1]); const mo = Number(m[2]); const d = Number(m[3]);
    if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return { error: `${bare} is not a date` };
    r = { earliest: `${bare}T00:00`, latest: `${bare}T23:59:59.999`, precision: 'day' };
  } else if ((m = bare.match(/^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(:\d{2})?(Z|[+-]\d{2}:\d{2})?$/))) {
    if (Number(m[2]) > 23 || Number(m[3]) > 59) return { error: 'not a time of day' };
    const head = `${m[1]}T${m[2]}:${m[3]}${m[4] || ''}`;
    r = { earliest: head, latest: m[4] ? head : `${head}:59.999`, precision: m[4] ? 'second' : 'minute', offset: m[5] };
  } else {
    return { error: 'not EDTF: try 2026-01-06, 2025-11, 2026-01-03/2026-01-04, 2026-01-06T15:45+01:00 or 2026-01-06~' };
  }
  if (qualifier === '?') r.precision = `${r.precision}, uncertain`;
  if (qualifier === '~' || qualifier === '%') r.precision = `${r.precision}, approximate (the server widens the bounds)`;
  return r;
}
