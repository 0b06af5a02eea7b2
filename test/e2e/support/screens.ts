// Every screen of the console, found from the sidebar (so a screen added to the navigation is
// visited without touching this file), plus the pages and dialogs reached from a list.
import type { Page } from 'playwright-core';
import type { DemoIds } from './seed';

export interface Screen {
  name: string;
  hash: string;
  /** Run after the page has loaded, e.g. open a dialog. */
  then?(page: Page): Promise<void>;
}

export const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/** The routes the sidebar links to, in its order ("#/pis", "#/funds", ...). */
export async function navScreens(page: Page): Promise<Screen[]> {
  await page.waitForSelector('nav.sidebar a[href^="#/"]');
  const hrefs = await page
    .locator('nav.sidebar a[href^="#/"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  return hrefs.map((hash) => ({ name: hash.replace(/^#\//, '').replace(/\W+/g, '-'), hash }));
}

/** Screens no sidebar link leads to: a PI in each state, its revise dialog, one PI's calls. */
export function detailScreens(ids: DemoIds): Screen[] {
  return [
    { name: 'pi-completed', hash: `#/pi/${ids.completed}` },
    { name: 'pi-declined', hash: `#/pi/${ids.declined}` },
    { name: 'pi-revision', hash: `#/pi/${ids.revision}` },
    { name: 'calls-of-pi', hash: `#/calls?piId=${ids.completed}` },
    {
      name: 'revise-dialog',
      hash: `#/pi/${ids.completed}`,
      then: async (page) => {
        await page.getByRole('button', { name: 'Generate Revised PI' }).click();
        await page.waitForSelector('dialog[open]');
      },
    },
  ];
}

/**
 * Wait until the screen has settled: no spinner, no "Loading…" text, fonts loaded, and two
 * animation frames for the virtual tables to lay out their rows.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('main .page') !== null &&
      document.querySelector('.loading, .spinner') === null &&
      !/Loading…/.test(document.querySelector('main')?.textContent ?? ''),
  );
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
}

export interface Overflow {
  cell: string;
  text: string;
  scrollWidth: number;
  clientWidth: number;
}

/**
 * Table cells and column headers whose content does not fit their box: text cut by
 * overflow/ellipsis (scrollWidth > clientWidth) or a child sticking out of the cell.
 */
export function findOverflows(page: Page): Promise<Overflow[]> {
  return page.evaluate(() => {
    const out: Overflow[] = [];
    const cells = document.querySelectorAll<HTMLElement>(
      'th, td, [role="columnheader"], [role="gridcell"], [role="cell"], [role="rowheader"]',
    );
    for (const cell of cells) {
      const box = cell.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const label = `${cell.closest('[aria-label]')?.getAttribute('aria-label') ?? '?'} › ${
        cell.getAttribute('role') ?? cell.tagName.toLowerCase()
      }`;
      const text = (cell.textContent ?? '').trim().slice(0, 80);
      // A column past the right edge of its scrolling table is cut as well (Funds' Available).
      let clip = cell.parentElement;
      while (clip && getComputedStyle(clip).overflowX === 'visible') clip = clip.parentElement;
      if (clip) {
        const c = clip.getBoundingClientRect();
        const right = c.left + clip.clientLeft + clip.clientWidth;
        if (box.right > right + 1) {
          out.push({
            cell: `${label} (past the table's edge)`,
            text,
            scrollWidth: Math.round(box.right - c.left),
            clientWidth: clip.clientWidth,
          });
          continue;
        }
      }
      if (cell.scrollWidth > cell.clientWidth + 1) {
        out.push({
          cell: label,
          text,
          scrollWidth: cell.scrollWidth,
          clientWidth: cell.clientWidth,
        });
        continue;
      }
      // A child cut by its own box (an ellipsis on a span inside the cell) or by the cell's.
      for (const child of cell.querySelectorAll<HTMLElement>('*')) {
        const r = child.getBoundingClientRect();
        const cut =
          child.scrollWidth > child.clientWidth + 1 &&
          getComputedStyle(child).overflowX !== 'visible';
        if (cut || r.right > box.right + 1 || r.left < box.left - 1) {
          out.push({
            cell: `${label} › ${child.tagName.toLowerCase()}.${child.className}`,
            text,
            scrollWidth: Math.round(cut ? child.scrollWidth : r.width),
            clientWidth: Math.round(cut ? child.clientWidth : box.width),
          });
          break;
        }
      }
    }
    return out;
  });
}
