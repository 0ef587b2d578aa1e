// The sync dashboard. Plain JS, no CDN. The token lives in sessionStorage and goes out as a bearer header on every
// call; the exam table is fed by the SSE stream read with fetch() (EventSource cannot send the header).
'use strict';

const TOKEN_KEY = 'mockexams.token';
const POLL_MS = 5000;
const HISTORY = 120;

const state = {
  token: null,
  canEdit: false,
  exams: new Map(),
  freshness: new Map(),
  snapshot: null,
  lastEventId: null,
  selected: null,
  lag: null,
  history: [],
  abort: null,
  timer: null,
};

const $ = (selector) => document.querySelector(selector);

function api(path, options = {}) {
  return fetch(path, { ...options, headers: { ...(options.headers ?? {}), Authorization: `Bearer ${state.token}` } });
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text ?? '–';
  if (className) td.className = className;
  return td;
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '–';
}

function seconds(value) {
  if (value === null || value === undefined) return '–';
  return value < 120 ? `${value.toFixed(1)} s` : value < 7200 ? `${(value / 60).toFixed(1)} min` : `${(value / 3600).toFixed(1)} h`;
}

// ---- sign in ---------------------------------------------------------------------------------------------------

async function signIn(token) {
  state.token = token;
  const response = await api('/api/me');
  if (!response.ok) {
    state.token = null;
    sessionStorage.removeItem(TOKEN_KEY);
    $('#sign-in-error').textContent = response.status === 401 ? 'That token was refused (401).' : `Sign-in failed (${response.status}).`;
    return;
  }

  sessionStorage.setItem(TOKEN_KEY, token);
  const me = await response.json();
  state.canEdit = me.permissions.includes('exams.edit');
  $('#who').textContent = `${me.subject ?? 'token'} · ${me.permissions.join(', ') || 'no permissions'}`;
  $('#sign-in').hidden = true;
  $('#sign-out').hidden = false;
  $('#board').hidden = false;
  if (state.canEdit) {
    $('#actions').hidden = false;
    await linkClusterDashboard();
  } else {
    // Not merely hidden: a token without exams.edit gets no action buttons at all.
    $('#actions').remove();
    $('#force-sync-bookings').remove();
  }

  poll();
  state.timer = setInterval(poll, POLL_MS);
  stream();
}

// The Orleans dashboard (exams.edit) fetches its data without our header: the api gives this browser the token as a
// cookie only /admin/orleans receives, then the link opens it.
async function linkClusterDashboard() {
  const session = await api('/admin/orleans/session', { method: 'POST' });
  if (!session.ok) return;
  const link = Object.assign(document.createElement('a'), {
    id: 'orleans-link', href: '/admin/orleans/', target: '_blank', rel: 'noopener', textContent: 'Orleans cluster dashboard',
  });
  $('#sign-out').before(link);
}

async function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  await fetch('/admin/orleans/session', { method: 'DELETE' }).catch(() => {});
  location.reload();
}

// ---- live exams over SSE ---------------------------------------------------------------------------------------

function setLive(text, kind) {
  const badge = $('#live');
  badge.textContent = text;
  badge.className = `badge ${kind ?? ''}`;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function stream() {
  let retryMs = 2000;
  while (state.token) {
    state.abort = new AbortController();
    try {
      const headers = { Authorization: `Bearer ${state.token}`, Accept: 'text/event-stream' };
      if (state.lastEventId) headers['Last-Event-ID'] = state.lastEventId;
      const response = await fetch('/api/mock-exams/events', { headers, signal: state.abort.signal });
      if (response.status === 401 || response.status === 403) {
        setLive(`events refused (${response.status})`, 'down');
        return;
      }

      if (!response.ok) {
        setLive(`events unavailable (${response.status})`, 'down');
        await sleep(1000 * Number(response.headers.get('Retry-After') ?? 5));
        continue;
      }

      setLive('connecting…');
      state.snapshot = new Set();
      retryMs = await readEvents(response.body, retryMs);
    } catch (error) {
      if (error.name === 'AbortError') return;
    }

    setLive('reconnecting…', 'down');
    await sleep(retryMs);
  }
}

// A text/event-stream reader: fields until a blank line, then one event (comments and unknown fields ignored).
async function readEvents(body, retryMs) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = { type: 'message', data: [], id: null };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return retryMs;
    buffer += value;
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      if (line === '') {
        if (event.id !== null) state.lastEventId = event.id;
        if (event.data.length > 0) onEvent(event.type, event.data.join('\n'));
        event = { type: 'message', data: [], id: null };
        continue;
      }

      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event.type = text;
      else if (field === 'data') event.data.push(text);
      else if (field === 'id') event.id = text;
      else if (field === 'retry' && /^\d+$/.test(text)) retryMs = Number(text);
    }
  }
}

function onEvent(type, data) {
  if (type === 'heartbeat') return;
  const body = data ? JSON.parse(data) : null;
  if (type === 'exam') {
    state.exams.set(body.hubspot_id, body);
    state.snapshot?.add(body.hubspot_id);
    renderExam(body);
    sample();
  } else if (type === 'removed') {
    state.exams.delete(body.hubspot_id);
    document.querySelector(`#exams tr[data-exam-id="${CSS.escape(body.hubspot_id)}"]`)?.remove();
  } else if (type === 'ready') {
    // A fresh snapshot replaces what the page held; a resumed stream only brought the changes.
    if (!body.resumed && state.snapshot) {
      for (const id of [...state.exams.keys()]) {
        if (!state.snapshot.has(id)) {
          state.exams.delete(id);
          document.querySelector(`#exams tr[data-exam-id="${CSS.escape(id)}"]`)?.remove();
        }
      }
    }

    state.snapshot = null;
    setLive('live', 'live');
    sample();
  }
}

function renderExam(exam) {
  const tbody = $('#exams tbody');
  let row = tbody.querySelector(`tr[data-exam-id="${CSS.escape(exam.hubspot_id)}"]`);
  const fresh = !row;
  if (fresh) {
    row = document.createElement('tr');
    row.dataset.examId = exam.hubspot_id;
    row.addEventListener('click', () => showBookings(exam.hubspot_id));
  }

  row.replaceChildren(
    cell(exam.mock_exam_name ?? exam.hubspot_id),
    cell(exam.exam_date),
    cell(exam.location),
    cell(String(exam.capacity), 'num capacity'),
    cell(String(exam.total_bookings), 'num booked'),
    cell(String(exam.seats_left), 'num seats-left'),
    cell(exam.is_active ? 'yes' : 'no'),
    ...freshnessCells(exam.hubspot_id),
  );
  if (fresh) {
    // Keep the table in exam-date order.
    const after = [...tbody.rows].find((other) => (state.exams.get(other.dataset.examId)?.exam_date ?? '') > (exam.exam_date ?? ''));
    tbody.insertBefore(row, after ?? null);
  } else {
    row.classList.remove('flash');
    void row.offsetWidth;
    row.classList.add('flash');
  }
}

// Staleness: how far the replica's copy trails HubSpot's last change of the record (synced_at − hs_last_modified_at).
// Events carry public rows, which leave synced_at out: the sync times come from GET /api/admin/sync/exams (polled).
function freshnessCells(examId) {
  const freshness = state.freshness.get(examId);
  return [cell(when(freshness?.synced_at), 'synced'), cell(freshness ? seconds(freshness.staleness_seconds) : '–', 'num staleness')];
}

function renderFreshness(list) {
  state.freshness = new Map(list.exams.map((exam) => [exam.hubspot_id, exam]));
  for (const row of document.querySelectorAll('#exams tbody tr[data-exam-id]')) {
    const [synced, stale] = freshnessCells(row.dataset.examId);
    row.querySelector('.synced')?.replaceWith(synced);
    row.querySelector('.staleness')?.replaceWith(stale);
  }
}

// ---- drill-down ------------------------------------------------------------------------------------------------

async function showBookings(examId) {
  state.selected = examId;
  document.querySelectorAll('#exams tr.selected').forEach((row) => row.classList.remove('selected'));
  document.querySelector(`#exams tr[data-exam-id="${CSS.escape(examId)}"]`)?.classList.add('selected');
  const panel = $('#bookings');
  panel.hidden = false;
  $('#bookings-exam').textContent = state.exams.get(examId)?.mock_exam_name ?? examId;
  const forceSync = $('#force-sync-bookings');
  if (forceSync) forceSync.hidden = false;
  const tbody = panel.querySelector('tbody');
  const [response, freshness] = await Promise.all([
    api(`/api/mock-exams/${encodeURIComponent(examId)}/bookings`),
    api(`/api/admin/sync/exams/${encodeURIComponent(examId)}/bookings`),
  ]);
  if (!response.ok) {
    tbody.replaceChildren(Object.assign(document.createElement('tr'), { textContent: `Could not read the bookings (${response.status}).` }));
    return;
  }

  const { bookings } = await response.json();
  // Booking rows leave synced_at out like exam rows: the sync times come from the admin read.
  const times = new Map(freshness.ok ? (await freshness.json()).bookings.map((booking) => [booking.hubspot_id, booking]) : []);
  tbody.replaceChildren(...bookings.map((booking) => {
    const row = document.createElement('tr');
    const synced = times.get(booking.hubspot_id);
    row.append(cell(booking.booking_id), cell(booking.hubspot_id), cell(booking.is_active), cell(when(synced?.synced_at), 'synced'),
      cell(when(booking.hs_last_modified_at)), cell(synced ? seconds(synced.staleness_seconds) : '–', 'num staleness'));
    return row;
  }));
}

// ---- sync status and budget ------------------------------------------------------------------------------------

async function poll() {
  const [status, budget, freshness] = await Promise.all(
    [api('/api/admin/sync/status'), api('/api/admin/hubspot/budget'), api('/api/admin/sync/exams')]);
  if (status.ok) renderStatus(await status.json());
  if (budget.ok) renderBudget(await budget.json());
  if (freshness.ok) renderFreshness(await freshness.json());
  sample();
}

function renderStatus(status) {
  $('#sync-status tbody').replaceChildren(...status.object_types.map((type) => {
    const row = document.createElement('tr');
    row.dataset.objectType = type.object_type;
    const backfill = type.backfill_unfinished
      ? `running ${type.backfill_written}/${type.backfill_total ?? '?'}`
      : when(type.last_backfill_at);
    const drift = type.last_reconcile_drift;
    const driftText = drift ? `${drift.missing + drift.extra + drift.stale + drift.archived_but_live} of ${drift.checked} (repaired ${drift.repaired})` : '–';
    row.append(
      cell(type.object_type),
      cell(backfill),
      cell(when(type.last_incremental_at)),
      cell(seconds(type.lag_seconds), 'num lag'),
      cell(`${seconds(type.propagation_p50_seconds)} / ${seconds(type.propagation_max_seconds)}`, 'num'),
      cell(when(type.last_reconcile_at)),
      cell(driftText),
      cell(`${type.rows} (${type.live_rows})`, 'num'),
    );
    return row;
  }));
  const lags = status.object_types.map((type) => type.lag_seconds).filter((lag) => lag !== null && lag !== undefined);
  state.lag = lags.length ? Math.max(...lags) : null;
  const inbox = status.webhooks;
  $('#webhooks').textContent = `Webhook inbox: ${inbox.pending} pending, ${inbox.applied} applied of ${inbox.received} received`
    + ` (last received ${when(inbox.last_received_at)}). Incremental sync every ${status.incremental_interval_seconds} s`
    + `${status.backfill_running ? '; backfill running' : ''}${status.reconcile_running ? '; reconcile running' : ''}.`;
}

function renderBudget(budget) {
  $('#budget tbody').replaceChildren(...budget.lanes.map((lane) => {
    const row = document.createElement('tr');
    const share = Math.min(1, lane.calls_last_minute / budget.calls_per_minute_limit);
    const bar = Object.assign(document.createElement('span'), { className: 'bar' });
    bar.style.width = `${Math.max(1, share * 200)}px`;
    const barCell = cell('');
    barCell.append(bar);
    row.append(cell(lane.lane), cell(String(lane.calls_last_minute), 'num'), cell(`${Math.round(share * 100)} % of ${Math.round(budget.calls_per_minute_limit)}`, 'num'), barCell);
    return row;
  }));
  const summary = $('#budget-summary');
  summary.textContent = `429s: ${budget.rate_limited_last_minute} last minute, ${budget.rate_limited_today} today · daily quota `
    + `${budget.daily_used.toLocaleString()} of ${budget.daily_limit.toLocaleString()} · ${budget.tokens_available.toFixed(1)} calls available now`
    + `${budget.paused_for_seconds > 0 ? ` · paused ${budget.paused_for_seconds.toFixed(1)} s after a 429` : ''}`
    + `${budget.counted ? '' : ' · this governor keeps no per-lane counts'}`;
  summary.className = budget.rate_limited_last_minute > 0 || budget.rate_limited_today > 0 ? 'bad' : '';
}

// ---- actions (exams.edit only) ---------------------------------------------------------------------------------

async function act(label, request) {
  const output = $('#action-result');
  output.textContent = `${label}…`;
  try {
    output.textContent = `${label}: ${await request()}`;
  } catch (error) {
    output.textContent = `${label} failed: ${error.message}`;
  }
}

async function answer(response) {
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`${response.status} ${body.title ?? ''} ${body.detail ?? ''}`.trim());
  return body;
}

async function forceSyncExams() {
  await act('Force sync', async () => (await answer(await api('/api/admin/sync/force-supabase?type=exams', { method: 'POST' }))).message);
}

async function forceSyncBookings() {
  const examId = state.selected;
  await act('Force sync of the bookings', async () => {
    const body = await answer(await api(`/api/admin/sync/force-supabase?type=bookings&examId=${encodeURIComponent(examId)}`, { method: 'POST' }));
    await showBookings(examId);
    return body.message;
  });
}

async function reconcile() {
  await act('Reconcile', async () => {
    const started = await answer(await api('/api/admin/sync/reconcile?repair=true', { method: 'POST' }));
    for (;;) {
      const run = await answer(await api(started.status_url));
      if (run.finished_at) return `${run.status}: ${JSON.stringify(run.counts)}${run.error ? ` (${run.error})` : ''}`;
      $('#action-result').textContent = `Reconcile run ${run.id}: ${run.status}…`;
      await sleep(1000);
    }
  });
}

// ---- the plot: seats left and sync lag over time, drawn as inline SVG ----------------------------------------

function sample() {
  if (!state.token) return;
  let seatsLeft = 0;
  for (const exam of state.exams.values()) seatsLeft += exam.seats_left;
  const now = Date.now();
  const last = state.history.at(-1);
  if (last && now - last.t < 250) {
    last.seatsLeft = seatsLeft;
    last.lag = state.lag;
  } else {
    state.history.push({ t: now, seatsLeft, lag: state.lag });
    if (state.history.length > HISTORY) state.history.shift();
  }

  drawPlot();
}

function drawPlot() {
  const svg = $('#plot');
  // Drawn at the element's own width, so text keeps its size and the plot fills the section.
  const [width, height, pad] = [Math.max(300, Math.round(svg.clientWidth) || 600), 160, 28];
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const points = state.history;
  if (points.length === 0) return;
  const t0 = points[0].t;
  const span = Math.max(1, points.at(-1).t - t0);
  const maxSeats = Math.max(1, ...points.map((p) => p.seatsLeft));
  const maxLag = Math.max(1, ...points.map((p) => p.lag ?? 0));
  const x = (p) => pad + ((p.t - t0) / span) * (width - 2 * pad);
  const line = (value, max) => points.filter((p) => value(p) !== null)
    .map((p) => `${x(p).toFixed(1)},${(height - pad - (value(p) / max) * (height - 2 * pad)).toFixed(1)}`).join(' ');
  const ns = 'http://www.w3.org/2000/svg';
  const element = (name, attributes, text) => {
    const node = document.createElementNS(ns, name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  svg.replaceChildren(
    element('line', { x1: pad, y1: height - pad, x2: width - pad, y2: height - pad, stroke: '#c9ced8' }),
    element('polyline', { class: 'seats', points: line((p) => p.seatsLeft, maxSeats) }),
    element('polyline', { class: 'lag', points: line((p) => p.lag, maxLag) }),
    element('text', { x: 2, y: pad - 8 }, `${maxSeats} seats`),
    element('text', { x: width - pad - 40, y: pad - 8 }, `${maxLag.toFixed(0)} s lag`),
    element('text', { x: pad, y: height - 8 }, new Date(t0).toLocaleTimeString()),
    element('text', { x: width - pad - 50, y: height - 8 }, new Date(points.at(-1).t).toLocaleTimeString()),
  );
}

// ---- start -----------------------------------------------------------------------------------------------------

document.addEventListener('DOMContentLoaded', () => {
  $('#sign-in').addEventListener('submit', (event) => {
    event.preventDefault();
    $('#sign-in-error').textContent = '';
    signIn($('#token').value.trim());
  });
  $('#sign-out').addEventListener('click', signOut);
  $('#force-sync-exams').addEventListener('click', forceSyncExams);
  $('#reconcile').addEventListener('click', reconcile);
  $('#force-sync-bookings').addEventListener('click', forceSyncBookings);
  const saved = sessionStorage.getItem(TOKEN_KEY);
  if (saved) signIn(saved);
});
