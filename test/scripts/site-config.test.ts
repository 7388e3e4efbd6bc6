import { describe, expect, it } from 'vitest';
import { DEFAULT_SITE_URL, basePath, siteTarget } from '../../scripts/site-config.ts';

describe('siteTarget', () => {
  it('defaults to the local server at the root', () => {
    expect(siteTarget({})).toEqual({ site: DEFAULT_SITE_URL, base: '/' });
    expect(siteTarget({ SITE_URL: '', BASE_PATH: '' })).toEqual({ site: DEFAULT_SITE_URL, base: '/' });
  });

  it('takes an origin and a base path, normalising the slashes', () => {
    expect(siteTarget({ SITE_URL: 'https://kb.example.com/', BASE_PATH: 'kb/field-guide' })).toEqual({
      site: 'https://kb.example.com',
      base: '/kb/field-guide/',
    });
    expect(basePath('/kb/field-guide/')).toBe('/kb/field-guide/');
    expect(basePath('/docs')).toBe('/docs/');
  });

  it('refuses a SITE_URL with a path, so the path is not lost or doubled', () => {
    expect(() => siteTarget({ SITE_URL: 'https://kb.example.com/kb/' })).toThrow(/BASE_PATH/);
  });

  it('refuses what cannot be a deployment target', () => {
    expect(() => siteTarget({ SITE_URL: 'kb.example.com' })).toThrow(/SITE_URL/);
    expect(() => siteTarget({ SITE_URL: 'ftp://kb.example.com' })).toThrow(/http/);
    expect(() => basePath('/kb//guide/')).toThrow(/BASE_PATH/);
    expect(() => basePath('/kb/../guide/')).toThrow(/BASE_PATH/);
    expect(() => basePath('/kb guide/')).toThrow(/BASE_PATH/);
    expect(() => basePath('/kb?x=1')).toThrow(/BASE_PATH/);
  });
});
