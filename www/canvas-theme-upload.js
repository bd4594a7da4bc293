// The demo's "theme JavaScript" for canvas-theme.html: the README's Theme-Editor stub with the
// demo server's BUNDLE and rules (tests/node/theme-stub.test.mjs checks nothing else differs).
(function () {
  var BUNDLE = '/pkg/theme.js';
  var CONFIG = {
    rules: [
      { path: '/canvas-theme\\.html$', selector: '#course_pacing_root .pace-header', widget: 'lms-report-card', position: 'after', options: { label: 'Course pace report' } },
      { path: '/canvas-theme\\.html$', selector: '#course_pacing_root', widget: 'lms-pace-timeline', options: { paceId: '1', editable: true } },
    ],
  };
  // Runs once per page however many account levels include it; never blocks, never throws.
  try {
    var queue = window.__lmsWidgetsTheme;
    if (queue) {
      queue.push(CONFIG);
      return;
    }
    queue = window.__lmsWidgetsTheme = [CONFIG];
    import(BUNDLE).then(function (m) {
      m.start(queue);
    }).catch(function (e) {
      console.warn('lms-widgets: no widgets on this page (' + BUNDLE + ': ' + (e && e.message) + ')');
    });
  } catch (e) {
    console.warn('lms-widgets: no widgets on this page (' + (e && e.message) + ')');
  }
})();
