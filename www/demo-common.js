// Helpers shared by the demo page's scripts.

/** A titled demo card with a note, appended to `parent`; widgets go inside it. */
export function card(parent, title, note) {
  const div = document.createElement('div');
  div.className = 'demo-card';
  div.innerHTML = '<h3></h3><p class="demo-note"></p>';
  div.querySelector('h3').textContent = title;
  div.querySelector('p').textContent = note;
  parent.append(div);
  return div;
}
