import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BUNDLED_CONTENT } from './bundled';

/** A writable copy of the bundled content, for tests that edit files under a running server. */
export class TempContent {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'cfa-content-'));

  constructor() {
    cpSync(BUNDLED_CONTENT, this.dir, { recursive: true });
  }

  read(file: string): string {
    return readFileSync(path.join(this.dir, file), 'utf8');
  }

  write(file: string, text: string): void {
    writeFileSync(path.join(this.dir, file), text);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
