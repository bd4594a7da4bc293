// Custom elements for lms-widgets. wasm-bindgen cannot extend HTMLElement, so each element
// is a small class here that calls the Rust mount function and keeps its handle.
// Attributes become options; JS-only options (a bearer `token`, `headers`) are read from
// the element's `lmsOptions` property, never from attributes.

const ATTRS = {
  'lms-progress': ['url', 'format', 'cancelable', 'label', 'locale', 'base-url', 'shadow'],
  'lms-report-card': ['course-id', 'report-type', 'section-ids', 'enrollment-ids', 'label', 'locale', 'time-zone', 'base-url', 'shadow'],
  'lms-pace-timeline': ['course-id', 'pace-id', 'editable', 'locale', 'time-zone', 'base-url', 'shadow'],
};

export function registerElements(mounts) {
  if (typeof customElements === 'undefined') return [];
  const defined = [];
  for (const [name, attrs] of Object.entries(ATTRS)) {
    const mount = mounts[name];
    if (typeof mount !== 'function' || customElements.get(name)) continue;
    customElements.define(name, class extends HTMLElement {
      static get observedAttributes() { return attrs; }
      connectedCallback() {
        if (this._lmsHandle) return;
        const options = {};
        for (const a of attrs) if (this.hasAttribute(a)) options[a] = this.getAttribute(a);
        Object.assign(options, this.lmsOptions || {});
        try {
          this._lmsHandle = mount(this, options);
        } catch (e) {
          this.dispatchEvent(new CustomEvent('lms-error', {
            bubbles: true, composed: true,
            detail: { error: { kind: 'invalid_option', message: String(e && e.message || e) } },
          }));
        }
      }
      disconnectedCallback() {
        const h = this._lmsHandle;
        this._lmsHandle = null;
        if (h) h.unmount();
      }
      attributeChangedCallback(attr, oldValue, value) {
        if (this._lmsHandle && oldValue !== value) this._lmsHandle.set(attr, value);
      }
    });
    defined.push(name);
  }
  return defined;
}
