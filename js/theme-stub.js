// lms-widgets for Canvas: paste into your theme's JavaScript file (Theme Editor > Upload).
// Set BUNDLE to where you host lms-widgets' theme.js, and CONFIG to your rules.
(function () {
  var BUNDLE = 'https://widgets.example.edu/lms-widgets/theme.js';
  var CONFIG = {
    rules: [
      { path: '^/courses/\\d+/course_pacing', selector: '#content', widget: 'lms-report-card', options: { label: 'Course pace report' } },
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
