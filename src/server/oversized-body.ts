import type { IncomingMessage } from 'node:http';

/**
 * How much of a body over the limit is read and thrown away before the refusal is answered. A
 * connection closed while the client is still writing is reset, and the reset discards the answer
 * the client has not read yet; reading the rest first (nginx's lingering close, Go's net/http)
 * lets it read its 413. A client still writing past this is not one a 413 helps: it is cut off.
 */
export const OVERSIZED_BODY_DRAIN_BYTES = 8 * 1024 * 1024;

/**
 * Reads and discards what is left of a refused body. Resolves true once the body has ended, false
 * when it would go past the bound or the connection failed, so the caller answers at once instead.
 */
export function discardRestOfBody(
  req: IncomingMessage,
  bound = OVERSIZED_BODY_DRAIN_BYTES,
): Promise<boolean> {
  if (req.complete || req.socket.destroyed) return Promise.resolve(req.complete);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > bound) return Promise.resolve(false);
  return new Promise((resolve) => {
    let discarded = 0;
    const settle = (ended: boolean): void => {
      req.off('data', onData).off('end', onEnd).off('error', onFailure).off('close', onFailure);
      resolve(ended);
    };
    const onData = (chunk: Buffer): void => {
      discarded += chunk.length;
      if (discarded > bound) settle(false);
    };
    const onEnd = (): void => settle(true);
    const onFailure = (): void => settle(req.complete);
    req.on('data', onData).on('end', onEnd).on('error', onFailure).on('close', onFailure);
    req.resume();
  });
}
