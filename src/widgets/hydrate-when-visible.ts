/** Loads a widget's code only once one of its elements scrolls into view, so a page ships no widget code before a reader gets there. */
export function hydrateWhenVisible(selector: string, load: () => Promise<unknown>): void {
  const elements = document.querySelectorAll(selector);
  if (elements.length === 0) return;
  if (!('IntersectionObserver' in window)) {
    void load();
    return;
  }
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) {
      observer.disconnect();
      void load();
    }
  });
  elements.forEach((element) => observer.observe(element));
}
