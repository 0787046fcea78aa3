import { decoration, h, srOnly } from './dom.js';

/** What a fold's toggle says in each state; `context` is read out after it, for a list of toggles. */
export interface FoldLabels {
  /** e.g. "Show 2 unchanged expectations" */
  readonly show: string;
  /** e.g. "Hide 2 unchanged expectations" */
  readonly hide: string;
  /** e.g. "in Delivery": a screen reader's list of buttons shows the toggle out of its place. */
  readonly context?: string;
}

let folds = 0;

/**
 * A block folded behind a button that says what it holds and what pressing it does, with
 * aria-expanded and aria-controls (the disclosure pattern). A <summary> cannot carry aria-expanded
 * or change its words, hence a button. The block is `hidden="until-found"`, so the browser's
 * find-in-page still finds and opens it, as it would a <details>; print.css shows it.
 */
export function fold(labels: FoldLabels, content: HTMLElement, className = ''): HTMLDivElement {
  const id = `fold-${++folds}`;
  content.id = id;
  content.classList.add('fold-content');
  const text = h('span', { class: 'fold-label' }, labels.show);
  const button = h(
    'button',
    { type: 'button', class: 'fold-toggle', 'aria-expanded': 'false', 'aria-controls': id },
    decoration('▸'),
    ' ',
    text,
    labels.context ? srOnly(` ${labels.context}`) : null,
  );
  const set = (open: boolean): void => {
    button.setAttribute('aria-expanded', String(open));
    text.textContent = open ? labels.hide : labels.show;
    if (open) content.removeAttribute('hidden');
    else content.setAttribute('hidden', 'until-found');
  };
  set(false);
  button.addEventListener('click', () => set(button.getAttribute('aria-expanded') !== 'true'));
  // find-in-page has revealed the block: say so on the button too
  content.addEventListener('beforematch', () => set(true));
  return h('div', { class: `fold ${className}`.trim() }, button, content);
}
