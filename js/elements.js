// The custom elements <lms-progress>, <lms-report-card> and <lms-pace-timeline>.
//
// wasm-bindgen cannot extend HTMLElement, so each element is a small class here that calls a
// Rust mount function and keeps its handle. The classes can be defined before the wasm code
// has arrived (`defineLazyElements`): an element then asks for its mount function when it
// first connects, and mounts once the code is there, with the attributes and `lmsOptions` it
// has at that moment. Listeners added before that are on the element itself, so they hear
// every event.
//
// Attributes become options; JS-only options (a bearer `token`, `headers`) are read from the
// element's `lmsOptions` property, never from attributes.
//
// This file is used twice: by the wasm glue (Rust's `defineElements()` hands it the mount
// functions) and as the package's own `elements.js` (imported by `index.js` and `loader.js`).
// It must not touch the DOM when it is imported: Node imports the package for `planPace`.

/** The attributes each element reads (and observes). */
export const ATTRIBUTES = {
  'lms-progress': ['url', 'format', 'cancelable', 'label', 'locale', 'base-url', 'shadow'],
  'lms-report-card': ['course-id', 'report-type', 'section-ids', 'enrollment-ids', 'label', 'locale', 'time-zone', 'base-url', 'shadow'],
  'lms-pace-timeline': ['course-id', 'pace-id', 'editable', 'locale', 'base-url', 'shadow'],
};

/** The wasm export that mounts each element. */
export const MOUNT_FUNCTIONS = {
  'lms-progress': 'mountProgress',
  'lms-report-card': 'mountReportCard',
  'lms-pace-timeline': 'mountPaceTimeline',
};

/**
 * Defines the elements whose mount function is in `mounts` (name -> `mount(el, options)`),
 * skipping names already defined. Returns the names it defined.
 */
export function registerElements(mounts) {
  return define(Object.keys(ATTRIBUTES).filter((name) => typeof mounts[name] === 'function'), (name) => mounts[name]);
}

/**
 * Defines `names` (default: all three) at once, skipping names already defined; an element's
 * code is asked for with `load(name)` (a promise of its mount function) only when the first
 * such element connects. A failed load is reported on each waiting element as `lms-error`
 * (`kind: "load"`) and tried again when an element connects later. Returns the names it defined.
 */
export function defineLazyElements(load, names = Object.keys(ATTRIBUTES)) {
  const pending = new Map();
  const loaded = new Map();
  const mountFor = (name) => {
    // Once the code is here, later elements mount at once (in their connectedCallback).
    if (loaded.has(name)) return loaded.get(name);
    let p = pending.get(name);
    if (!p) {
      p = Promise.resolve()
        .then(() => load(name))
        .then((mount) => {
          if (typeof mount !== 'function') throw new Error(`the loaded code has no mount function for <${name}>`);
          loaded.set(name, mount);
          return mount;
        });
      pending.set(name, p);
      p.catch(() => pending.delete(name));
    }
    return p;
  };
  return define(names.filter((name) => name in ATTRIBUTES), mountFor);
}

function define(names, mountFor) {
  if (typeof customElements === 'undefined') return [];
  const defined = [];
  for (const name of names) {
    if (customElements.get(name)) continue;
    customElements.define(name, elementClass(ATTRIBUTES[name], () => mountFor(name)));
    defined.push(name);
  }
  return defined;
}

function elementClass(attrs, mountFor) {
  return class extends HTMLElement {
    #handle = null;
    #waiting = false;

    static get observedAttributes() {
      return attrs;
    }

    connectedCallback() {
      if (this.#handle || this.#waiting) return;
      let mount;
      try {
        mount = mountFor();
      } catch (e) {
        this.#fail('load', e);
        return;
      }
      if (typeof mount === 'function') {
        this.#mount(mount);
        return;
      }
      // The code is on its way. Attributes and `lmsOptions` changed meanwhile are read when
      // it arrives; an element removed meanwhile is not mounted (until it connects again).
      this.#waiting = true;
      mount.then(
        (m) => {
          this.#waiting = false;
          if (this.isConnected && !this.#handle) this.#mount(m);
        },
        (e) => {
          this.#waiting = false;
          if (this.isConnected) this.#fail('load', e, 'Could not load the widget code: ');
        },
      );
    }

    disconnectedCallback() {
      const h = this.#handle;
      this.#handle = null;
      if (h) h.unmount();
    }

    attributeChangedCallback(attr, oldValue, value) {
      if (this.#handle && oldValue !== value) this.#handle.set(attr, value);
    }

    #mount(mount) {
      const options = {};
      for (const a of attrs) if (this.hasAttribute(a)) options[a] = this.getAttribute(a);
      Object.assign(options, this.lmsOptions || {});
      try {
        this.#handle = mount(this, options);
      } catch (e) {
        this.#fail('invalid_option', e);
      }
    }

    #fail(kind, e, prefix = '') {
      this.dispatchEvent(new CustomEvent('lms-error', {
        bubbles: true,
        composed: true,
        detail: { error: { kind, message: prefix + String((e && e.message) || e) } },
      }));
    }
  };
}
