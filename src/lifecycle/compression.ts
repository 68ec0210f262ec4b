import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate'
import { DICTIONARY_V1 } from './compression-dictionary.ts'
import { compressTextV2, decompressTextV2 } from './compression-v2.ts'

/**
 * How a cold memory's content is compressed before it is sealed (docs/LIFECYCLE.md). The value is
 * what the `compressed` column holds: 0 is plain text; 1 is format 1 — raw deflate (RFC 1951),
 * level 9, with `DICTIONARY_V1` as preset dictionary; 2 is format 2 — a frozen English word model
 * and a range coder (`compression-v2.ts`). A later format gets the next number, and the reader
 * keeps every format it ever wrote: memories compressed before format 2 stay format 1 until they
 * warm up and go cold again.
 */
export const COMPRESSION_FORMAT_DEFLATE = 1
export const COMPRESSION_FORMAT_WORDS = 2
/** The format new compressions use. */
export const COMPRESSION_FORMAT = COMPRESSION_FORMAT_WORDS
export type CompressionFormat = typeof COMPRESSION_FORMAT_DEFLATE | typeof COMPRESSION_FORMAT_WORDS

export const isCompressionFormat = (format: number): format is CompressionFormat =>
  format === COMPRESSION_FORMAT_DEFLATE || format === COMPRESSION_FORMAT_WORDS

const dictionary = strToU8(DICTIONARY_V1)

export const compressText = (text: string, format: CompressionFormat = COMPRESSION_FORMAT): Uint8Array =>
  format === COMPRESSION_FORMAT_WORDS
    ? compressTextV2(text)
    : deflateSync(strToU8(text), { level: 9, dictionary })

/** Throws when the bytes are not data of that format (damaged, or another format). */
export const decompressText = (bytes: Uint8Array, format: CompressionFormat): string =>
  format === COMPRESSION_FORMAT_WORDS
    ? decompressTextV2(bytes)
    : strFromU8(inflateSync(bytes, { dictionary }))

/** Bytes saved, as a share of the original UTF-8 size (0.7 = 70 % smaller). */
export const savedShare = (original: number, compressed: number) =>
  original === 0 ? 0 : 1 - compressed / original
