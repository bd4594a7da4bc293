// Types for lms-widgets/theme: the Canvas Theme-Editor mode (see README "Canvas Theme Editor").

/** Where a rule's widget goes, relative to the element its selector finds. */
export type ThemePosition = 'append' | 'prepend' | 'before' | 'after';

/** One rule: on pages whose path matches, mount `widget` at `selector`. */
export interface ThemeRule {
  /** A regular expression (as a string) tested against `location.pathname`. */
  path: string;
  /** A CSS selector; the rule waits (up to `timeoutMs`) for it to appear. */
  selector: string;
  widget: 'lms-progress' | 'lms-report-card' | 'lms-pace-timeline';
  /**
   * The element's attributes (either spelling: `paceId` or `pace-id`), plus `linkTarget`
   * for the pace timeline. `course-id`, `locale` and `time-zone` default to what the page's
   * `ENV` says. `token` and `headers` are refused: in Canvas the session cookie is used.
   */
  options?: Record<string, string | number | boolean>;
  /** Default `append`. */
  position?: ThemePosition;
}

/** The admin's config, as in the stub's `CONFIG`. */
export interface ThemeConfig {
  rules: ThemeRule[];
  /** How long to wait for a rule's selector, in ms (default 10000, at most 120000). */
  timeoutMs?: number;
  /** Where the .wasm files are when not next to their glue; `{widget}` stands for the build. */
  wasmUrl?: string;
}

/**
 * Runs the Canvas mode with the configs the stubs queued (`window.__lmsWidgetsTheme`), and
 * any queued later. Problems are console messages, never exceptions.
 */
export function start(queue: ThemeConfig[] | ThemeConfig): void;
