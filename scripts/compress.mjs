// The compression settings used for build-time copies and for the size report: the maximum
// each format offers, so the figures printed are what the server actually sends.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Brotli at quality 11. */
export const brotliMax = (buf) => brotliCompressSync(buf, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
});

/** gzip at level 9. */
export const gzipMax = (buf) => gzipSync(buf, { level: 9 });
