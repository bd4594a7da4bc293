// The strict-CSP page (csp.html): one of each widget, created with DOM calls only (no
// innerHTML, so it also runs under Trusted Types). The e2e test csp.test.mjs drives it;
// with `?widgets=none` it only defines the elements (leak.test.mjs mounts its own).
import init, { defineElements } from '/pkg/lms_widgets.js';

const $ = (sel) => document.querySelector(sel);
const status = $('#status');

function add(parent, tag, attrs) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  parent.append(el);
  return el;
}

async function job(spec) {
  const res = await fetch('/sim/jobs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(spec) });
  if (!res.ok) throw new Error(`/sim/jobs answered ${res.status}`);
  return res.json();
}

await init();
defineElements();
if (new URLSearchParams(location.search).get('widgets') === 'none') {
  status.textContent = 'Elements defined.';
} else {
  await mountAll();
}

async function mountAll() {
  add($('#pace-slot'), 'lms-pace-timeline', { id: 'pace', 'course-id': '1', 'pace-id': '1', editable: '' });
  try {
    const { url } = await job({ kind: 'canvas', duration_ms: 3000, curve: 'linear' });
    add($('#progress'), 'lms-progress', { id: 'bar', url, label: 'A Canvas job', cancelable: '' });
    add($('#report'), 'lms-report-card', { id: 'card', 'course-id': '7301', 'section-ids': '3' });
    status.textContent = 'Widgets mounted.';
  } catch (e) {
    status.textContent = `Could not create the demo job: ${e.message}`;
  }
}
