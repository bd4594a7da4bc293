// The first-paint benchmark's React anchor: what a Canvas page would ship without
// lms-widgets — React 18 + ReactDOM + Instructure UI's ProgressBar with a small 1 s poller
// of a Canvas Progress. Bundled and minified by first-paint.mjs (esbuild).
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ProgressBar } from '@instructure/ui-progress';

const DONE = new Set(['completed', 'failed']);

function Progress({ url }) {
  const [progress, setProgress] = useState(null);
  useEffect(() => {
    let alive = true;
    let timer;
    const tick = async () => {
      try {
        const r = await fetch(url, { headers: { Accept: 'application/json' } });
        const p = await r.json();
        if (!alive) return;
        setProgress(p);
        if (DONE.has(p.workflow_state)) return;
      } catch (e) {
        console.warn('progress poll failed', e);
      }
      if (alive) timer = setTimeout(tick, 1000);
    };
    tick();
    return () => { alive = false; clearTimeout(timer); };
  }, [url]);
  if (!progress) return <p>Loading…</p>;
  return (
    <ProgressBar
      screenReaderLabel="Copying course"
      valueNow={progress.completion ?? 0}
      valueMax={100}
      renderValue={({ valueNow }) => `${Math.round(valueNow)}%`}
    />
  );
}

const el = document.getElementById('app');
createRoot(el).render(<Progress url={el.dataset.url} />);
