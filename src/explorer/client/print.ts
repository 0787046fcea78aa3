/**
 * Printed pages show what is collapsed on screen (unchanged items, examples): the print stylesheet
 * cannot open a closed <details> everywhere, so they are opened for printing and closed again after.
 */
export function expandDetailsWhenPrinting(): void {
  const opened: HTMLDetailsElement[] = [];
  const expand = (): void => {
    for (const details of document.querySelectorAll<HTMLDetailsElement>('details:not([open])')) {
      details.open = true;
      opened.push(details);
    }
  };
  const restore = (): void => {
    for (const details of opened.splice(0)) details.open = false;
  };
  window.addEventListener('beforeprint', expand);
  window.addEventListener('afterprint', restore);
  // emulated print media (headless rendering, PDF export) changes the media query without print events
  window.matchMedia('print').addEventListener('change', (event) => (event.matches ? expand() : restore()));
}
