import { constants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Below this, the headers and the compressor's set-up cost more than the bytes saved. */
export const COMPRESS_ABOVE_BYTES = 1024;

/**
 * Answers above a kilobyte of a compressible type (JSON, CSV, text; never images, PDFs or the event
 * streams) go out in brotli or gzip, whichever the client accepts. Brotli at quality 3: on a report of
 * 1.2 MB it costs about a third of the CPU of quality 4 (the plugin's default) for 7 % more bytes, and
 * the 2-core server pays that CPU on every large answer; quality 11 would take seconds. Must be
 * registered before any route, the static files included: those the build compressed already carry
 * their Content-Encoding and go as they are. Request bodies are not inflated (`globalDecompression:
 * false`): the body limit stays a limit on what the API reads.
 */
export async function registerCompression(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyCompress, {
    threshold: COMPRESS_ABOVE_BYTES,
    encodings: ['br', 'gzip'],
    globalDecompression: false,
    brotliOptions: {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: 3,
      },
    },
    zlibOptions: { level: 6 },
  });
}
