// Demo: the course-report card against the simulator's Canvas course-report endpoints.
// Needs, in index.html: <div id="report-cards" class="demo-grid">, the buttons
// #report-restart and #report-fail, and <span id="report-status" role="status">;
// report events are also written to #events when that list exists.
import init, { defineElements, mountReportCard } from '/pkg/lms_widgets.js';
import { card } from '/demo-common.js';

const $ = (sel) => document.querySelector(sel);

// Each card gets its own course so "last report" differs per card. The simulator keeps
// reports until /sim/reset, so a reload shows each course's last report again.
const CARDS = [
  {
    title: 'Fresh course',
    note: 'No report yet ("last" answers 500, as Canvas does): create one and follow it to the download.',
    attrs: { 'course-id': '7101', 'section-ids': '3, 4' },
  },
  {
    title: 'A report already running',
    note: 'A running report is seeded before the card mounts: the card resumes following it.',
    attrs: { 'course-id': '7102' },
    seed: { status: 'running', duration_ms: 20000 },
  },
  {
    title: 'A report that failed',
    note: 'The last report ended in error: the card shows Canvas\'s message and a "Try again" button.',
    attrs: { 'course-id': '7106' },
    seed: { status: 'error' },
  },
  {
    title: 'Unknown report type',
    note: 'report-type="grade_export": Canvas only has course_pace_docx, so creating gets a plain 400 sentence.',
    attrs: { 'course-id': '7103', 'report-type': 'grade_export' },
  },
  {
    title: 'A bad id in section-ids',
    note: 'section-ids="5, six": the bad entry is named and creating is blocked until it is fixed.',
    attrs: { 'course-id': '7104', 'section-ids': '5, six' },
  },
];

async function sim(path, body) {
  const res = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return res.json().catch(() => ({}));
}

function logReportEvents() {
  const list = $('#events');
  if (!list) return;
  for (const name of ['lms-report-started', 'lms-report-complete']) {
    document.addEventListener(name, (e) => {
      const d = e.detail || {};
      const li = document.createElement('li');
      const what = name === 'lms-report-complete' ? (d.fileName ?? d.linkError ?? 'complete') : (d.resumed ? 'resumed' : 'created');
      li.textContent = `${new Date().toLocaleTimeString()} ${name} — report ${d.report?.id}: ${what}`;
      list.prepend(li);
    });
  }
}

let handle = null;

async function start() {
  const parent = $('#report-cards');
  if (!parent) return;
  parent.replaceChildren();
  for (const c of CARDS) {
    const box = card(parent, c.title, c.note);
    if (c.seed) {
      try {
        await sim('/sim/reports/seed', { course_id: Number(c.attrs['course-id']), ...c.seed });
      } catch (e) {
        box.querySelector('.demo-note').textContent += ` (Could not seed: ${e.message})`;
      }
    }
    const el = document.createElement('lms-report-card');
    for (const [k, v] of Object.entries(c.attrs)) el.setAttribute(k, v);
    box.append(el);
  }
  // The imperative API, with options an attribute cannot carry (an array of ids).
  const box = card(parent, 'mountReportCard(el, options)', 'JS options: sectionIds as an array, times in Asia/Tokyo.');
  const host = document.createElement('div');
  box.append(host);
  // A widget lives until unmount(); keep the handle to unmount it when the cards are recreated.
  handle?.unmount();
  handle = mountReportCard(host, { courseId: '7105', sectionIds: [11, 12], timeZone: 'Asia/Tokyo', label: 'Pace document (Tokyo time)' });
}

await init();
defineElements();
logReportEvents();
$('#report-fail')?.addEventListener('click', async () => {
  // The simulator applies this to the next report any card creates, once.
  const status = $('#report-status');
  try {
    await sim('/sim/reports/config', { error: true, duration_ms: 4000 });
    if (status) status.textContent = 'The next report created will fail.';
  } catch (e) {
    if (status) status.textContent = `Could not configure the simulator: ${e.message}`;
  }
});
$('#report-restart')?.addEventListener('click', start);
await start();
