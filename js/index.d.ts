// Types for lms-widgets, written by hand: wasm-bindgen's own .d.ts leaves option objects and event details untyped.

// ------------------------------------------------------------------ loading

/** Where the WebAssembly comes from: a URL (default: `lms_widgets_bg.wasm` next to the package's JS), a fetch response, bytes or a compiled module. */
export type WasmSource = string | URL | Request | Response | BufferSource | WebAssembly.Module;

/**
 * Fetches and instantiates the WebAssembly. Needed before the imperative functions
 * (`mountProgress`, `planPace`, …); the custom elements call it themselves. Any number of calls
 * instantiate once.
 */
export default function init(options?: { module_or_path?: WasmSource | Promise<WasmSource> }): Promise<unknown>;
export { init };

/** Instantiates the WebAssembly synchronously from its bytes or a compiled module (Node, workers). */
export function initSync(options: { module: BufferSource | WebAssembly.Module }): unknown;

/**
 * Defines `<lms-progress>`, `<lms-report-card>` and `<lms-pace-timeline>` (those not yet
 * defined) and returns the names it defined. The WebAssembly is loaded when the first element
 * connects; attributes, `lmsOptions` and listeners set before then are honoured.
 */
export function defineElements(): Array<'lms-progress' | 'lms-report-card' | 'lms-pace-timeline'>;

// ------------------------------------------------------------------ options

/** Options every widget takes. */
export interface CommonOptions {
  /** Locale for numbers and dates (BCP 47, e.g. `"en-GB"`); default: the page's. */
  locale?: string;
  /** Prefix for API paths, e.g. an LTI tool's proxy `"https://tool.example.edu/canvas-proxy/"`; default: the page's origin. */
  baseUrl?: string;
  /** A bearer token, sent only to `baseUrl`'s origin. Never put it in an attribute. Without it the Canvas session cookie (and CSRF token) is used. */
  token?: string;
  /** Extra request headers, sent only to `baseUrl`'s origin. */
  headers?: Record<string, string>;
  /** Render into an open shadow root (default `true`); `false` renders into the element itself. */
  shadow?: boolean;
}

/** `mountProgress` options; the attributes of `<lms-progress>` are the kebab-case names. */
export interface ProgressOptions extends CommonOptions {
  /** A Canvas Progress URL (`/api/v1/progress/123`, an LTI progress URL) or a Cloudreve workflow progress URL. Required. */
  url: string;
  /** The API dialect; default `"auto"` (from the URL). */
  format?: 'canvas' | 'cloudreve' | 'auto';
  /** Show a Cancel button (Canvas jobs started by the user). */
  cancelable?: boolean;
  /** The accessible name; default "Progress". */
  label?: string;
}

/** A list of ids: an array, or one string separated by commas or spaces. */
export type IdList = ReadonlyArray<string | number> | string;

/** `mountReportCard` options. */
export interface ReportCardOptions extends CommonOptions {
  /** Default: Canvas's `ENV.context_asset_string`, then a `/courses/:id` path. */
  courseId?: string | number;
  /** Default `"course_pace_docx"`. */
  reportType?: string;
  sectionIds?: IdList;
  enrollmentIds?: IdList;
  /** The card's title. */
  label?: string;
  /** IANA time zone for times; default Canvas's `ENV.TIMEZONE`, then the browser's. */
  timeZone?: string;
}

/** `mountPaceTimeline` options. */
export interface PaceTimelineOptions extends CommonOptions {
  /** Default: Canvas's `ENV.context_asset_string`, then a `/courses/:id` path. */
  courseId?: string | number;
  /** The course pace's id. Required. */
  paceId: string | number;
  /** Durations and settings can be edited and published. */
  editable?: boolean;
  /** Where item links open; default `"_self"`. Inside an LTI frame `"_top"` opens them over the whole Canvas page, so only the host page may ask for it (JS only, never an attribute). */
  linkTarget?: '_self' | '_top' | '_parent' | '_blank';
}

/** A mounted widget. It lives until `unmount()` (dropping the handle does not stop it). */
export interface WidgetHandle {
  /** Removes the widget, aborts its requests and clears its timers (idempotent). */
  unmount(): void;
  /** Whether the widget is still mounted. */
  readonly mounted: boolean;
  /** Sets one option by its attribute name (`null` removes it); a bad value fires `lms-error`. */
  set(name: string, value: string | null | undefined): void;
  free(): void;
}
export const WidgetHandle: { prototype: WidgetHandle };

/** Mounts a live progress bar into `el`. Throws an `Error` for a bad option. Needs `init()` first. */
export function mountProgress(el: HTMLElement, options: ProgressOptions): WidgetHandle;
/** Mounts a course-report card into `el`. Needs `init()` first. */
export function mountReportCard(el: HTMLElement, options?: ReportCardOptions): WidgetHandle;
/** Mounts a course-pace timeline into `el`. Throws an `Error` without a pace id. Needs `init()` first. */
export function mountPaceTimeline(el: HTMLElement, options: PaceTimelineOptions): WidgetHandle;

// ------------------------------------------------------------------ events

/** What went wrong; `load` is the widget code itself failing to download or start. */
export type ErrorKind =
  | 'network'
  | 'offline'
  | 'unauthorized'
  | 'forbidden'
  | 'throttled'
  | 'not_found'
  | 'rejected'
  | 'server'
  | 'http'
  | 'bad_response'
  | 'login_page'
  | 'redirected'
  | 'cloudreve'
  | 'invalid_option'
  | 'pace'
  | 'download_link'
  | 'load'
  | `report_${string}`;

export interface ErrorInfo {
  kind: ErrorKind;
  /** A sentence for people. */
  message: string;
}

/** Canvas Progress states (an unknown state is passed through as Canvas wrote it). */
export type ProgressState =
  | 'queued'
  | 'running'
  | 'waiting_for_external_tool'
  | 'completed'
  | 'failed'
  | 'canceled'
  | (string & {});

/** `detail` of `lms-progress`, `lms-complete`, `lms-failed` and `lms-canceled`. */
export interface ProgressEventDetail {
  state: ProgressState;
  /** 0–100, or `null` when the job does not say. */
  completion: number | null;
  message: string | null;
  /** No movement for 2 minutes. */
  stalled: boolean;
  /** Estimated milliseconds left, when the rate is known. */
  etaMs: number | null;
  /** Canvas's `url` field of the Progress. */
  url: string | null;
  /** Canvas's `results` once the job has ended. */
  results: unknown;
  /** The JSON as the server sent it. */
  progress: Record<string, unknown>;
}

/** `detail` of `lms-error`. */
export interface ErrorEventDetail {
  error: ErrorInfo;
  /** Milliseconds until the widget retries by itself; `null`/absent when it does not. */
  retryIn?: number | null;
  /** Report card: which step failed. */
  op?: 'check' | 'create' | 'follow';
  /** Report card: Canvas's report JSON, for reports that ended in error. */
  report?: CanvasReport;
  /** Report card: the report's status. */
  status?: ReportStatus;
}

export type ReportStatus = 'created' | 'running' | 'compiling' | 'complete' | 'error' | 'aborted' | 'deleted' | (string & {});

/** Canvas's course report JSON (the fields the card reads; the rest are passed through). */
export interface CanvasReport {
  id: string | number;
  status: ReportStatus;
  progress?: number | null;
  file_url?: string | null;
  [field: string]: unknown;
}

/** `detail` of `lms-report-started`. */
export interface ReportStartedDetail {
  report: CanvasReport;
  status: ReportStatus;
  /** A report that was already running when the card loaded. */
  resumed: boolean;
}

/** `detail` of `lms-report-progress`. */
export interface ReportProgressDetail {
  report: CanvasReport;
  status: ReportStatus;
  progress: number | null;
}

/** `detail` of `lms-report-complete`. */
export interface ReportCompleteDetail {
  report: CanvasReport;
  status: ReportStatus;
  fileUrl: string | null;
  fileName: string | null;
  size: number | null;
  /** Why no download link is shown (e.g. a non-http(s) URL), else `null`. */
  linkError: string | null;
}

/** Every event a widget fires (bubbling and composed, so they cross the shadow root). */
export interface LmsWidgetEventMap {
  'lms-progress': CustomEvent<ProgressEventDetail>;
  'lms-complete': CustomEvent<ProgressEventDetail>;
  'lms-failed': CustomEvent<ProgressEventDetail>;
  'lms-canceled': CustomEvent<ProgressEventDetail>;
  'lms-error': CustomEvent<ErrorEventDetail>;
  'lms-report-started': CustomEvent<ReportStartedDetail>;
  'lms-report-progress': CustomEvent<ReportProgressDetail>;
  'lms-report-complete': CustomEvent<ReportCompleteDetail>;
  'lms-pace-loaded': CustomEvent<null>;
  'lms-pace-published': CustomEvent<null>;
}

/** The custom elements. Set `lmsOptions` before the element connects. */
export interface LmsProgressElement extends HTMLElement {
  lmsOptions?: Partial<ProgressOptions>;
}
export interface LmsReportCardElement extends HTMLElement {
  lmsOptions?: ReportCardOptions;
}
export interface LmsPaceTimelineElement extends HTMLElement {
  lmsOptions?: Partial<PaceTimelineOptions>;
}

declare global {
  interface HTMLElementTagNameMap {
    'lms-progress': LmsProgressElement;
    'lms-report-card': LmsReportCardElement;
    'lms-pace-timeline': LmsPaceTimelineElement;
  }
  interface HTMLElementEventMap extends LmsWidgetEventMap {}
  interface DocumentEventMap extends LmsWidgetEventMap {}
  interface WindowEventMap extends LmsWidgetEventMap {}
}

// ------------------------------------------------------------------ pace engine (no DOM)

/** The body of Canvas's `POST /api/v1/courses/:course_id/course_pacing/compress_dates`. */
export interface PaceRequest {
  course_pace: {
    start_date?: string | null;
    end_date?: string | null;
    exclude_weekends?: boolean;
    /** `"mon"` … `"sun"` (full names work too). */
    selected_days_to_skip?: string[];
    course_pace_module_items_attributes: Array<{
      id?: string | number;
      duration: string | number;
      module_item_id: string | number;
    }>;
  };
  blackout_dates?: Array<{ start_date: string; end_date: string; event_title?: string }>;
}

/** Due dates (`YYYY-MM-DD`) keyed by `module_item_id`. */
export type DueDates = Record<string, string>;

export interface PacePlan {
  due_dates: DueDates;
  /** Durations in days after compression, keyed by `module_item_id`. */
  durations: Record<string, number>;
  compressed: boolean;
  projected_end_date: string | null;
  plan_end_date: string | null;
}

/** Plans a pace as Canvas's server does. Throws an `Error` with Canvas's sentence on bad input. Needs `init()`/`initSync()` first. */
export function planPace(request: PaceRequest): PacePlan;
/** Exactly what Canvas's `compress_dates` returns. Throws like Canvas's 422. Needs `init()`/`initSync()` first. */
export function compressDates(request: PaceRequest): DueDates;
