// Types for lms-widgets/lti: the helper for a tool page inside Canvas's LTI iframe.

/** The widget events read out with `lti.screenReaderAlert`. */
export const ANNOUNCED_EVENTS: ReadonlyArray<'lms-complete' | 'lms-failed' | 'lms-report-complete' | 'lms-pace-published'>;
export const FRAME_RESIZE: 'lti.frameResize';
export const SCREEN_READER_ALERT: 'lti.screenReaderAlert';
/** Milliseconds between the last size change and its `lti.frameResize` (default of `debounceMs`). */
export const RESIZE_DEBOUNCE_MS: number;

export interface FrameResizeMessage {
  subject: 'lti.frameResize';
  /** CSS pixels, a whole number. */
  height: number;
  /** Canvas's `$com.instructure.PostMessageToken`, when the tool was given one. */
  token?: string;
}

export interface ScreenReaderAlertMessage {
  subject: 'lti.screenReaderAlert';
  body: string;
  token?: string;
}

export interface LtiOptions {
  /** Canvas's `$com.instructure.PostMessageToken` from the launch, added to every message. */
  token?: string;
  /** Read out widget completion (and failure) with `lti.screenReaderAlert`; default `true`. */
  announce?: boolean;
  /** Milliseconds between the last size change and its `lti.frameResize`; default 100. */
  debounceMs?: number;
}

export interface LtiController {
  /** Whether this helper is observing (false outside an iframe and after `stop()`). */
  readonly active: boolean;
  /** Disconnects the observer and the listeners (idempotent). */
  stop(): void;
}

/**
 * Keeps the iframe sized (`lti.frameResize` to `window.parent`, debounced) and announces
 * widget completion (`lti.screenReaderAlert`). Never waits for a reply. Once per page: a
 * second call returns the running helper. Outside an iframe it does nothing.
 */
export function startLti(options?: LtiOptions): LtiController;

/** The `lti.frameResize` message, or `null` for a height that is not a positive number. */
export function frameResizeMessage(height: number, token?: string): FrameResizeMessage | null;
/** The `lti.screenReaderAlert` message, or `null` for an empty sentence. */
export function screenReaderAlertMessage(body: string | null, token?: string): ScreenReaderAlertMessage | null;
/**
 * The sentence read out for a widget event, or `null` when it is not announced. `source` is
 * the element's tag name: the progress bar inside a pace timeline or report card is not read out.
 */
export function announcement(name: string, detail: unknown, label?: string | null, source?: string | null): string | null;

export interface Debouncer<T> {
  push(value: T): void;
  flush(): void;
  cancel(): void;
}
/** A trailing debouncer that skips a value equal to the last one sent; timers are injectable. */
export function debouncer<T>(
  delayMs: number,
  send: (value: T) => void,
  timers?: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(id: unknown): void },
): Debouncer<T>;
