// End-to-end: a person's view of <lms-progress> against the simulator over real HTTP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, createJob, stats, canvasGet, openBlank, addBar, events, waitForEvent, inBar, anotherBarPolls } from './fixtures.mjs';

let ctx;
before(async () => { ctx = await launch(); await openBlank(ctx.page); });
after(async () => {
  assert.deepEqual(ctx.errors, [], 'no uncaught errors on the page');
  await ctx.browser.close();
});

test('a job runs to completion and the bar says so', async () => {
  const { url } = await createJob({ kind: 'canvas', duration_ms: 1500, curve: 'linear', results: { id: '9' } });
  const id = await addBar(ctx.page, { url, label: 'Quick job' });
  const done = await waitForEvent(ctx.page, id, 'lms-complete');
  assert.equal(done.detail.state, 'completed');
  assert.equal(done.detail.completion, 100);
  assert.deepEqual(done.detail.results, { id: '9' });
  const bar = inBar(ctx.page, id, 'progress');
  assert.equal(await bar.getAttribute('aria-valuetext'), '100 percent, completed');
  assert.match(await inBar(ctx.page, id, '.lmsw-progress__status').textContent(), /Completed/);
});

test('a failing job shows its message and stops polling', async () => {
  const { url } = await createJob({ kind: 'canvas', duration_ms: 800, final_state: 'failed', message: 'Unexpected error, ID: 4711' });
  const id = await addBar(ctx.page, { url, label: 'Doomed job' });
  const failed = await waitForEvent(ctx.page, id, 'lms-failed');
  assert.equal(failed.detail.message, 'Unexpected error, ID: 4711');
  assert.match(await inBar(ctx.page, id, '.lmsw-progress__status').textContent(), /Failed · Unexpected error, ID: 4711/);
  const path = `GET ${new URL(url, 'http://x').pathname}`;
  const before = (await stats()).by_path[path];
  await anotherBarPolls(ctx.page, 3);
  assert.equal((await stats()).by_path[path], before, 'no request after the terminal state');
});

test('cancel asks for confirmation, then cancels with a message', async () => {
  const { url } = await createJob({ kind: 'canvas', duration_ms: 120000, owner: 1 });
  const id = await addBar(ctx.page, { url, label: 'Long job', cancelable: '' });
  await inBar(ctx.page, id, 'button:has-text("Cancel")').click();
  await inBar(ctx.page, id, 'button:has-text("Keep running")').waitFor();
  await inBar(ctx.page, id, 'button:has-text("Yes, cancel")').click();
  await waitForEvent(ctx.page, id, 'lms-canceled');
  assert.match(await inBar(ctx.page, id, '.lmsw-progress__status').textContent(), /Canceled/);
  const server = await canvasGet(new URL(url, 'http://x').pathname);
  assert.equal(server.workflow_state, 'failed', 'Canvas records a cancel as failed');
  assert.equal(server.message, 'Canceled by the user');
});

test('cancel by someone else says only the starter may cancel', async () => {
  const { url } = await createJob({ kind: 'canvas', duration_ms: 120000, owner: 2 });
  const id = await addBar(ctx.page, { url, label: 'Someone else\'s job', cancelable: '' });
  await inBar(ctx.page, id, 'button:has-text("Cancel")').click();
  await inBar(ctx.page, id, 'button:has-text("Yes, cancel")').click();
  await inBar(ctx.page, id, '[role=alert]:has-text("Only the person who started this job can cancel it")').waitFor();
});

test('a throttled server is retried until the job completes', async () => {
  const { url } = await createJob({ kind: 'canvas', duration_ms: 1000, faults: [{ throttle: '403', times: 2 }] });
  const id = await addBar(ctx.page, { url, label: 'Throttled' });
  await waitForEvent(ctx.page, id, 'lms-complete', 60000);
  const errs = (await events(ctx.page, id)).filter((e) => e.name === 'lms-error');
  assert.equal(errs.length, 2, 'each throttled answer is reported once');
  assert.ok(errs.every((e) => e.detail.error.kind === 'throttled' && e.detail.retryIn > 0));
});

test('50 bars on one URL make one request per tick', async () => {
  const { url } = await createJob({ kind: 'canvas', duration_ms: 4000, curve: 'linear' });
  const ids = [];
  for (let i = 0; i < 50; i++) ids.push(await addBar(ctx.page, { url, label: `Bar ${i}` }));
  await waitForEvent(ctx.page, ids[49], 'lms-complete');
  const answers = (await events(ctx.page, ids[0])).filter((e) => e.name === 'lms-progress' || e.name === 'lms-complete').length;
  const requests = (await stats()).by_path[`GET ${new URL(url, 'http://x').pathname}`];
  assert.equal(requests, answers, 'every request fed all 50 bars at once');
  assert.ok(requests < 15, `${requests} requests for a 4 s job`);
});

test('a hidden tab makes no requests and polls at once when shown', async () => {
  const { url } = await createJob({ kind: 'canvas', duration_ms: 60000, curve: 'linear' });
  const path = `GET ${new URL(url, 'http://x').pathname}`;
  const id = await addBar(ctx.page, { url, label: 'Background job' });
  await waitForEvent(ctx.page, id, 'lms-progress');
  const setHidden = (hidden) => ctx.page.evaluate((hidden) => {
    Object.defineProperty(document, 'hidden', { value: hidden, configurable: true });
    Object.defineProperty(document, 'visibilityState', { value: hidden ? 'hidden' : 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
  await setHidden(true);
  // Time passes in the widgets' own terms: a bar in another, visible tab keeps polling.
  const other = await ctx.browser.newPage();
  await openBlank(other);
  await anotherBarPolls(other, 1); // a request already in flight has landed
  const hiddenCount = (await stats()).by_path[path];
  await anotherBarPolls(other, 4);
  await other.close();
  assert.equal((await stats()).by_path[path], hiddenCount, 'no requests while hidden');
  await setHidden(false);
  await ctx.page.waitForFunction(async ([path, n]) => {
    const s = await (await fetch('/sim/stats')).json();
    return s.by_path[path] > n;
  }, [path, hiddenCount], { timeout: 5000 });
});

test('a Cloudreve upload shows bytes and files, then completes', async () => {
  const { url } = await createJob({ kind: 'cloudreve', duration_ms: 1500, types: { upload: 40000000, upload_count: 10 } });
  const id = await addBar(ctx.page, { url, label: 'Upload', format: 'cloudreve' }, { token: 'e2e.jwt.token' });
  await waitForEvent(ctx.page, id, 'lms-complete');
  const text = await inBar(ctx.page, id, '.lmsw-progress').textContent();
  assert.match(text, /40 MB of 40 MB/);
  assert.match(text, /10 of 10 files/);
});
