/**
 * Serves each widget's code as its own module, and tells the page's start-up script (src/widgets/start-widgets.ts)
 * where it is, through the virtual module `virtual:widget-code`.
 *
 * Why not `import('./scenario-widget.ts')` in the start-up script: Vite wraps such an import in its module-preload
 * helper, a second file every widget page then loads up front (and Starlight's search, which shared it, loses it
 * from its own file). With a plain URL, the start-up script has no imports at all, so Astro inlines it into the page
 * and a page loads no widget code before a reader reaches for a widget.
 */
import { fileURLToPath } from 'node:url';
import type { Plugin, ResolvedConfig } from 'vite';

/** The widgets, by their element's name, and the module that defines each. */
export const WIDGET_MODULES = {
  'scenario-widget': 'src/widgets/scenario-widget.ts',
  'resolver-widget': 'src/widgets/resolver-widget.ts',
  'diagnose-widget': 'src/widgets/diagnose-widget.ts',
  'migration-widget': 'src/widgets/migration-widget.ts',
} as const;

const VIRTUAL_ID = 'virtual:widget-code';
const RESOLVED_ID = '\0virtual:widget-code';

/** The placeholder written for a chunk's URL until the chunk has its final, hashed file name. */
const placeholder = (referenceId: string) => `__WIDGET_CODE_${referenceId}__`;

/** The Vite plugin; `root` is the project's folder as a file URL. */
export function widgetCode(root: URL): Plugin {
  let config: ResolvedConfig;
  /** The chunks emitted for the widgets, whose placeholders are replaced once their file names are known. */
  const references = new Set<string>();
  return {
    name: 'field-guide-widget-code',
    configResolved(resolved) {
      config = resolved;
    },
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      const entries = Object.entries(WIDGET_MODULES).map(([tag, path]) => {
        const file = fileURLToPath(new URL(path, root));
        // The dev server serves the source module itself; a build emits it as a chunk of its own.
        if (config.command === 'serve') return [tag, `${config.base}@fs${file}`];
        const reference = this.emitFile({ type: 'chunk', id: file, name: tag });
        references.add(reference);
        return [tag, placeholder(reference)];
      });
      return `/** Each widget's code, by its element's name: the URL its module is served at. */\nexport default ${JSON.stringify(Object.fromEntries(entries))};\n`;
    },
    generateBundle: {
      // Before Astro's own hook decides to inline the start-up script and copies its code.
      order: 'pre',
      handler(_options, bundle) {
        for (const output of Object.values(bundle)) {
          if (output.type !== 'chunk') continue;
          for (const reference of references) {
            output.code = output.code.replaceAll(placeholder(reference), `${config.base}${this.getFileName(reference)}`);
          }
        }
      },
    },
  };
}
