import { execFileSync } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { rrgenCommand } from './rrgen-command.js';

/** The words /bin/sh reads from `line`, as the program it runs receives them. */
function shWords(line: string): string[] {
  return JSON.parse(execFileSync('/bin/sh', ['-c', `${line.replace(/^rrgen /, `"${process.execPath}" -e 'console.log(JSON.stringify(process.argv.slice(1)))' `)}`], { encoding: 'utf8' })) as string[];
}

describe('rrgenCommand', () => {
  it('writes plain paths as they are', () => {
    expect(rrgenCommand('libs/shop', 'rr.schema.json', 'src/generated', 'linux')).toBe(
      'rrgen generate --snapshot=libs/shop/rr.schema.json --config=libs/shop/rr.config.json --out=libs/shop/src/generated',
    );
    expect(rrgenCommand('.', 'rr.schema.json', 'src/generated', 'linux')).toBe('rrgen generate --snapshot=rr.schema.json --config=rr.config.json --out=src/generated');
  });

  it.runIf(process.platform !== 'win32')("quotes any other path so /bin/sh hands it over unchanged: spaces, quotes, $, `, \\, ' and newlines", () => {
    const outputDir = `gen 'rated' "x" $HOME \`id\` \\n\n!*`;
    const line = rrgenCommand('libs/my shop', 'my snapshot.json', outputDir, 'linux');
    expect(line).not.toBeNull();
    expect(shWords(line ?? '')).toEqual(['generate', '--snapshot=libs/my shop/my snapshot.json', '--config=libs/my shop/rr.config.json', `--out=libs/my shop/${outputDir}`]);
  });

  it('double-quotes for cmd.exe, and gives up where cmd.exe would expand or end the quotes', () => {
    expect(rrgenCommand('.', 'rr.schema.json', 'gen rated', 'win32')).toBe('rrgen generate --snapshot=rr.schema.json --config=rr.config.json "--out=gen rated"');
    for (const dir of ['100%', 'a"b', 'wow!', 'two\nlines']) expect(rrgenCommand('.', 'rr.schema.json', dir, 'win32'), dir).toBeNull();
  });
});
