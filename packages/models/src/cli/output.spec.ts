import { ConnectionError } from '@rr/schema';
import { LockHeldError, MalformedManifestError, OutputNotWritableError, UnsafePathError, WriteFailedError } from '@rr/writer';
import { describe, expect, it } from 'vitest';

import { EXIT, reportError, type Io } from './output.js';

function report(error: unknown): { code: number; stderr: string } {
  let stderr = '';
  const io: Io = { stdout: () => undefined, stderr: (text) => void (stderr += text) };
  const code = reportError(io, error, ['hunter2']);
  return { code, stderr };
}

describe('reportError', () => {
  it.each([
    ['an unsafe path', new UnsafePathError('out', [{ path: 'models', reason: 'symbolic link to /etc, outside the output directory' }])],
    ['a malformed manifest', new MalformedManifestError('out/.rr-manifest.json', 'not JSON')],
    ['an output directory that cannot be made', new OutputNotWritableError('out', 'the output directory is a file', 'Move it away.')],
  ])('treats the writer refusing %s as bad input: exit 2, the message, no stack', (_, error) => {
    const { code, stderr } = report(error);
    expect(code).toBe(EXIT.badInput);
    expect(stderr).toBe(`rrgen: ${error.message}\n`);
  });

  it.each([
    ['a held lock', new LockHeldError('out/.rr-manifest.lock', 'pid 42 on host', 30_000)],
    ['a write that failed part way', new WriteFailedError('out', 'schema.ts', [], ['schema.ts'], [], [], true, new Error('ENOSPC'))],
  ])('reports %s as a failure with its message and no stack: exit 1', (_, error) => {
    const { code, stderr } = report(error);
    expect(code).toBe(EXIT.failed);
    expect(stderr).toBe(`rrgen: ${error.message}\n`);
  });

  it('prints the stack of an unexpected error, with secrets redacted', () => {
    const { code, stderr } = report(new TypeError('boom hunter2'));
    expect(code).toBe(EXIT.failed);
    expect(stderr).toMatch(/^rrgen: unexpected failure: TypeError: boom \S+\n\s+at /);
    expect(stderr).not.toContain('hunter2');
  });

  it('keeps schema errors as bad input', () => {
    expect(report(new ConnectionError('RR_CONNECT_FAILED', 'could not connect to 127.0.0.1:1')).code).toBe(EXIT.badInput);
  });
});
