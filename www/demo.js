// The demo page: creates scripted jobs on the simulator and shows a widget for each.
import init, { defineElements } from '/pkg/lms_widgets.js';
import { card } from '/demo-common.js';

const $ = (sel) => document.querySelector(sel);
const status = $('#status');

const CANVAS_JOBS = [
  { key: 'fast', title: 'Fast job', note: '3 s, linear completion', job: { duration_ms: 3000, curve: 'linear' } },
  { key: 'slow', title: 'Slow job', note: '90 s; polling slows down as the job ages', job: { duration_ms: 90000, curve: 'linear', message: 'Copying course content' } },
  { key: 'null', title: 'Completion unknown at first', note: 'completion is null for the first half, as Canvas pace publishing does', job: { duration_ms: 12000, curve: 'null_then_linear' } },
  { key: 'fail', title: 'Failing job', note: 'fails at 60 % with a message', job: { duration_ms: 6000, curve: 'linear', final_state: 'failed', message: 'Unexpected error, ID: 4711' } },
  { key: 'cancel', title: 'Cancelable job', note: 'started by you, so you may cancel it', cancelable: true, job: { duration_ms: 120000, curve: 'linear', owner: 1 } },
  { key: 'throttled', title: 'Throttled server', note: 'the first 3 answers are 403 "Rate Limit Exceeded"', job: { duration_ms: 8000, curve: 'linear', faults: [{ throttle: '403', times: 3 }] } },
];

// Cloudreve wants a JWT; the simulator accepts any three-part token. A token is a JS-only
// option (never an attribute) and is sent only to the page's own origin.
const CLOUDREVE_TOKEN = 'demo.jwt.token';

function progress(parent, url, attrs = {}, options = undefined) {
  const el = document.createElement('lms-progress');
  if (options) el.lmsOptions = options;
  el.setAttribute('url', url);
  for (const [k, v] of Object.entries(attrs)) if (v !== false) el.setAttribute(k, v === true ? '' : v);
  parent.append(el);
  return el;
}

async function createJob(spec) {
  const res = await fetch('/sim/jobs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(spec) });
  if (!res.ok) throw new Error(`/sim/jobs answered ${res.status}: ${await res.text()}`);
  return res.json();
}

let sharedUrl = null;
async function start() {
  for (const id of ['#canvas-jobs', '#cloudreve-jobs', '#many']) $(id).replaceChildren();
  status.textContent = 'Creating jobs…';
  try {
    await fetch('/sim/stats/reset', { method: 'POST' });
    for (const j of CANVAS_JOBS) {
      const { url } = await createJob({ kind: 'canvas', ...j.job });
      const c = card($('#canvas-jobs'), j.title, j.note);
      c.dataset.job = j.key;
      progress(c, url, { label: j.title, cancelable: !!j.cancelable });
    }
    const upload = await createJob({ kind: 'cloudreve', duration_ms: 15000, types: { upload: 41943040, upload_count: 10, upload_single_0: 8388608 }, start_after_ms: 1500 });
    const c = card($('#cloudreve-jobs'), 'Cloudreve upload', '10 files, 40 MB; waits for progress first');
    c.dataset.job = 'cloudreve';
    progress(c, upload.url, { label: 'Uploading course files', format: 'cloudreve' }, { token: CLOUDREVE_TOKEN });
    const shared = await createJob({ kind: 'canvas', duration_ms: 30000, curve: 'linear' });
    sharedUrl = shared.url;
    for (let i = 0; i < 50; i++) progress($('#many'), shared.url, { label: `Bar ${i + 1}` });
    status.textContent = 'Jobs running.';
  } catch (e) {
    status.textContent = `Could not create demo jobs: ${e.message}. Is the simulator running (cargo xtask demo)?`;
  }
}

async function refreshStats() {
  try {
    const s = await (await fetch('/sim/stats')).json();
    $('#total-requests').textContent = s.total;
    if (sharedUrl) $('#shared-requests').textContent = s.by_path[`GET ${new URL(sharedUrl, location.href).pathname}`] ?? 0;
  } catch { /* the simulator may be restarting */ }
}

function logEvents() {
  const list = $('#events');
  for (const name of ['lms-complete', 'lms-failed', 'lms-canceled', 'lms-error']) {
    document.addEventListener(name, (e) => {
      const li = document.createElement('li');
      const label = e.target.getAttribute?.('label') ?? e.target.tagName.toLowerCase();
      const d = e.detail || {};
      li.textContent = `${new Date().toLocaleTimeString()} ${name} — ${label}: ${d.error ? d.error.message : (d.message ?? d.state)}`;
      list.prepend(li);
    });
  }
}

$('#follow').addEventListener('submit', (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  const c = card($('#followed'), f.get('url'), '');
  progress(c, f.get('url'), { label: `Progress ${f.get('url')}`, cancelable: f.get('cancelable') === 'on' });
});
$('#restart').addEventListener('click', start);

await init();
defineElements();
logEvents();
const params = new URLSearchParams(location.search);
if (params.get('progress')) {
  const c = card($('#followed'), params.get('progress'), '');
  progress(c, params.get('progress'), { label: 'Progress', cancelable: true });
}
if (params.get('jobs') !== 'none') await start();
setInterval(refreshStats, 1000);
