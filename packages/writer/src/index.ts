export type { WritableFile } from './writable-file.js';
export { readManifestFile, readSignedManifest } from './disk-read.js';
export { writeFiles } from './disk-writer.js';
export { stampOutput, type OutputStamp } from './output-stamp.js';
export { writeFilesToTree, type WriterTree } from './tree-writer.js';
export { DEFAULT_BATCH_SIZE, DEFAULT_LOCK_TIMEOUT_MS, type WriteMode, type WriteOptions } from './options.js';
export { unchangedReport, type SkippedFile, type SkipReason, type WriteReport } from './report.js';
export {
  contentSignature,
  readSignature,
  signatureHeader,
  signContents,
  SIGNATURE_HEADER_PREFIX,
  type SignatureHeader,
} from './signature.js';
export { MANIFEST_FILE_NAME, MANIFEST_VERSION, parseManifest, serializeManifest, type Manifest, type ManifestEntry } from './manifest.js';
export { LOCK_FILE_NAME } from './lock.js';
export {
  InvalidInputError,
  LockHeldError,
  MalformedManifestError,
  OutOfDateError,
  OutputNotWritableError,
  UnsafePathError,
  WriteFailedError,
  WriterError,
  type PathViolation,
  type WriterErrorCode,
} from './errors.js';
