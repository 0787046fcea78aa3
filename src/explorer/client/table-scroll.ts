import { decoration, h } from './dom.js';

/**
 * A wide table in a box of its own, so only the table scrolls sideways on a narrow screen, never the
 * page. When it is wider than the box, a hint above it says so and a shadow marks each edge that has
 * more beyond it; the box is then at most as tall as the window, so the sticky header row stays in
 * sight inside it. When the table fits, the box lets it be (`data-fits`), the page scrolls as usual
 * and the header row sticks to the top of the window instead.
 */
export function scrollingTable(table: HTMLTableElement, labelledBy: string, hint: string): HTMLDivElement {
  const hintId = `${labelledBy}-hint`;
  const note = h('p', { class: 'scroll-hint', id: hintId, hidden: true }, decoration('⇆ '), hint);
  // focusable, so a keyboard can scroll it
  const box = h(
    'div',
    {
      class: 'table-scroll',
      role: 'region',
      'aria-labelledby': labelledBy,
      'aria-describedby': hintId,
      tabindex: '0',
    },
    table,
  );
  const edges = h('div', { class: 'table-edges' }, box);
  const update = (): void => {
    // the box's width inside its borders, whether or not a vertical scroll bar takes some of it: with
    // clientWidth, a scroll bar could make the table overflow only while the box is bounded
    const inside = box.offsetWidth - 2 * box.clientLeft;
    const overflows = table.offsetWidth > inside + 1;
    box.toggleAttribute('data-fits', !overflows);
    note.hidden = !overflows;
    const end = box.scrollWidth - box.clientWidth;
    edges.toggleAttribute('data-more-left', overflows && box.scrollLeft > 1);
    edges.toggleAttribute('data-more-right', overflows && box.scrollLeft < end - 1);
  };
  const observer = new ResizeObserver(update);
  observer.observe(box);
  observer.observe(table);
  box.addEventListener('scroll', update, { passive: true });
  return h('div', { class: 'table-frame' }, note, edges);
}
