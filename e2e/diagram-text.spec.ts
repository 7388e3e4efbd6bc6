/**
 * Every diagram's text is readable: on a 390 px wide phone and on a desktop, each text of each scenario page's
 * flowchart and sequence diagram renders at 11 px or more. Measured in the browser: the text's computed font size
 * times the SVG's scale (its rendered width over its viewBox width), and the text's own rendered box. SVG text and
 * mermaid's HTML labels (in foreignObject) alike. Both diagrams are images: each file's text is measured at the width
 * the page shows the image.
 */
import { expect, test } from '@playwright/test';
import { readyWidget } from './site.ts';

const MIN_PX = 11;
const pages = [
  '/scenarios/pod-to-pod/',
  '/scenarios/nodeport/',
  '/scenarios/loadbalancer/',
  '/scenarios/ingress/?lb=l4-proxy-protocol',
  '/scenarios/gateway/?entry=node-with-endpoint',
];
const viewports = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 900 },
];

for (const viewport of viewports) {
  test.describe(`diagram text on a ${viewport.name} (${viewport.width} px)`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });
    for (const path of pages) {
      for (const kind of ['flowchart', 'sequence'] as const) {
        test(`${path} ${kind}: every label at ${MIN_PX} px or more`, async ({ page, context }) => {
          await page.goto(path);
          await readyWidget(page, 'scenario-widget');
          // The state's own diagram, once the widget has swapped it in (the figure names its hash; the SVG's id carries it).
          const figure = page.locator(`[data-diagram="${kind}"]:not([aria-busy])`);
          const hash = await figure.getAttribute('data-hash');
          // An image of the SVG file (the theme's one is shown): the file's own text, at the size the image is shown.
          const image = figure.locator('img.diagram-img:visible');
          await image.scrollIntoViewIfNeeded();
          await expect(image).toHaveJSProperty('complete', true);
          const scaleTo = await image.evaluate((element) => element.getBoundingClientRect().width);
          const file = await context.newPage();
          await file.goto(
            new URL(`../diagrams/${hash}.svg`, new URL(await image.evaluate((element) => (element as HTMLImageElement).src))).href,
          );
          const svg = file.locator(`svg#d-${hash}`);
          await svg.scrollIntoViewIfNeeded();
          await expect(svg).toBeVisible();
          const sizes = await svg.evaluate((element, shownWidth) => {
            const root = element as SVGSVGElement;
            // The file is drawn at its own width here; the page shows it at shownWidth.
            const scale = shownWidth / root.viewBox.baseVal.width;
            // SVG text, and the HTML labels mermaid puts in foreignObject: every element that holds text itself.
            const holders = [...root.querySelectorAll<SVGElement | HTMLElement>('text, foreignObject *')].filter(
              (element) =>
                element.tagName.toLowerCase() === 'text' ||
                [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== ''),
            );
            const boxScale = scale / (root.getBoundingClientRect().width / root.viewBox.baseVal.width);
            return holders
              .filter((text) => (text.textContent ?? '').trim() !== '' && text.getBoundingClientRect().width > 0)
              .map((text) => ({
                text: (text.textContent ?? '').trim().slice(0, 40),
                rendered: parseFloat(getComputedStyle(text).fontSize) * scale,
                boxHeight: text.getBoundingClientRect().height * boxScale,
              }));
          }, scaleTo);
          expect(sizes.length, 'the diagram has text').toBeGreaterThan(0);
          const small = sizes.filter((s) => s.rendered < MIN_PX || s.boxHeight < MIN_PX);
          expect(small, `texts under ${MIN_PX} px`).toEqual([]);
        });
      }
    }
  });
}
