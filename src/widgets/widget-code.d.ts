/** The URL of each widget's module, by its element's name: written by scripts/widget-code.ts at build time. */
declare module 'virtual:widget-code' {
  const urls: Record<string, string>;
  export default urls;
}
