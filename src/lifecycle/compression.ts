import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate'
import { DICTIONARY_V1 } from './compression-dictionary.ts'

/**
 * How a cold memory's content is compressed before it is sealed (docs/LIFECYCLE.md). The value is
 * what the `compressed` column holds: 0 is plain text, 1 is format 1 — raw deflate (RFC 1951),
 * level 9, with `DICTIONARY_V1` as preset dictionary. A later format gets the next number, and the
 * reader keeps every format it ever wrote.
 */
export const COMPRESSION_FORMAT = 1
export type CompressionFormat = typeof COMPRESSION_FORMAT

const dictionary = strToU8(DICTIONARY_V1)

export const compressText = (text: string): Uint8Array => deflateSync(strToU8(text), { level: 9, dictionary })

/** Throws when the bytes are not format-1 data (damaged, or another format). */
export const decompressText = (bytes: Uint8Array): string => strFromU8(inflateSync(bytes, { dictionary }))

/** Bytes saved, as a share of the original UTF-8 size (0.7 = 70 % smaller). */
export const savedShare = (original: number, compressed: number) =>
  original === 0 ? 0 : 1 - compressed / original
