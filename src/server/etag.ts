import { createHash } from 'node:crypto';

/** A strong validator for a response body (RFC 9110 §8.8.3): the same bytes, the same ETag. */
export function etagOf(...parts: (string | Buffer)[]): string {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part);
  return `"${hash.digest('base64url')}"`;
}

/** If-None-Match against one ETag, with the weak comparison RFC 9110 §13.1.2 asks for. */
export function etagMatches(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value.trim() === '*') return true;
  return value.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}
