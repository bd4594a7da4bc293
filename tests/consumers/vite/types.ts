// Type-checked by the consumer test (tsc --noEmit, strict): the package's types as a TypeScript user meets them.
import init, { defineElements, mountProgress, planPace, type ProgressEventDetail } from 'lms-widgets';
import { defineElements as lazy } from 'lms-widgets/loader';
const names: string[] = defineElements().concat(lazy());
const bar = document.querySelector('lms-progress')!;
bar.lmsOptions = { token: 't', baseUrl: 'https://x/' };
bar.addEventListener('lms-complete', (e) => { const d: ProgressEventDetail = e.detail; console.log(d.completion?.toFixed(1), names); });
document.addEventListener('lms-report-complete', (e) => console.log(e.detail.fileName));
init().then(() => {
  const h = mountProgress(document.createElement('div'), { url: '/api/v1/progress/1', format: 'canvas' });
  h.set('label', 'x'); h.unmount();
  console.log(planPace({ course_pace: { course_pace_module_items_attributes: [{ duration: 1, module_item_id: 2 }] } }).due_dates);
});
// @ts-expect-error url is required
mountProgress(document.body, { label: 'x' });
