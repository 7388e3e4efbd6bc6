/** fast-check generators shared by the property and differential tests: valid addresses and ranges from small pools, so trust matches often. */
import fc from 'fast-check';

/** Valid addresses: documentation ranges, IPv6, IPv4-mapped IPv6, and any IPv4 and IPv6 fast-check makes. */
export const validAddress = fc.oneof(
  fc.integer({ min: 0, max: 255 }).map((n) => `192.0.2.${n}`),
  fc.integer({ min: 0, max: 255 }).map((n) => `203.0.113.${n}`),
  fc.integer({ min: 0, max: 255 }).map((n) => `10.0.${n >> 4}.${n}`),
  fc.integer({ min: 0, max: 0xffff }).map((n) => `2001:db8::${n.toString(16)}`),
  fc.integer({ min: 0, max: 255 }).map((n) => `::ffff:192.0.2.${n}`),
  fc.ipV4(),
  fc.ipV6(),
);

/** Valid trusted ranges over those pools. Prefixes start at /1: proxy-addr refuses /0. */
export const validRange = fc.oneof(
  fc.integer({ min: 1, max: 32 }).map((p) => `192.0.2.0/${p}`),
  fc.integer({ min: 24, max: 32 }).map((p) => `203.0.113.128/${p}`),
  fc.integer({ min: 8, max: 32 }).map((p) => `10.0.0.0/${p}`),
  fc.integer({ min: 1, max: 128 }).map((p) => `2001:db8::/${p}`),
  fc.integer({ min: 96, max: 128 }).map((p) => `::ffff:192.0.2.0/${p}`),
  fc.constantFrom('loopback', 'linklocal', 'uniquelocal', '192.0.2.0/255.255.255.0'),
  validAddress,
);
