/** Where the browser tests find and serve the sub-path build (npm run build:base-path writes it with the same values). */

/** The sub-path build's folder. */
export const BASE_PATH_DIR = 'dist-base';

/** The base path it is built for and served under. */
export const TEST_BASE_PATH = '/kb/field-guide/';
