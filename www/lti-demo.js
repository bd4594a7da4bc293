// The LTI tool page's demo part: in sim mode, an assignment-linked job for this tool (the
// only kind Canvas's LTI progress endpoint answers), followed through the tool's backend.
const note = document.querySelector('#assignment-note');
const TOOL = 'lms-widgets-demo'; // the tool the demo server's backend is, in the simulator
const COURSE = 1;

async function start() {
  const res = await fetch('/sim/jobs', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ kind: 'canvas', duration_ms: 8000, curve: 'linear', owner: null, lti: { course_id: COURSE, tool: TOOL } }),
  });
  if (!res.ok) throw new Error(`the simulator answered ${res.status}`);
  const { id } = await res.json();
  const bar = document.createElement('lms-progress');
  bar.setAttribute('base-url', '/canvas-proxy/');
  bar.setAttribute('url', `/api/lti/courses/${COURSE}/progress/${id}`);
  bar.setAttribute('label', 'Grading the quiz');
  note.textContent = `GET /canvas-proxy/api/lti/courses/${COURSE}/progress/${id}, sent on by the backend with the tool's own token.`;
  document.querySelector('#assignment').append(bar);
}

start().catch((e) => {
  note.textContent = `No simulated assignment job (${e.message}): against a real Canvas, an assignment's Progress comes from the tool's own grading.`;
});
