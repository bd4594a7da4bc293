// The first-paint benchmark's vanilla anchor: a hand-written poller of a Canvas Progress
// driving a native <progress>, no framework. Minified by first-paint.mjs (esbuild).
const el = document.getElementById('app');
const url = el.dataset.url;
let bar;
async function tick() {
  try {
    const p = await (await fetch(url, { headers: { Accept: 'application/json' } })).json();
    if (!bar) {
      el.textContent = '';
      bar = el.appendChild(document.createElement('progress'));
      bar.max = 100;
      el.append(' ', (el.percent = document.createElement('span')));
    }
    bar.value = p.completion ?? 0;
    el.percent.textContent = `${Math.round(p.completion ?? 0)}%`;
    if (p.workflow_state === 'completed' || p.workflow_state === 'failed') return;
  } catch (e) {
    console.warn('progress poll failed', e);
  }
  setTimeout(tick, 1000);
}
tick();
