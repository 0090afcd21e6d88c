// What `sha256sum -c` prints and returns, per check file: the per-file lines on stdout, warnings and the summary on
// stderr, and success or failure (coreutils 9.1 digest_check()).
import { digestTag, type DigestKind } from '../../workers/algorithms.js';
import { checkDisplayName } from './escape.js';
import { quoteName } from './quote.js';

export interface CheckFlags {
  /** Don't print OK for each successfully verified file. */
  readonly quiet?: boolean;
  /** Print nothing on stdout; the exit status says it all. */
  readonly status?: boolean;
  /** Improperly formatted lines make the check fail. */
  readonly strict?: boolean;
  /** Warn about each improperly formatted line. */
  readonly warn?: boolean;
  /** A listed file that does not exist is neither reported nor counted. */
  readonly ignoreMissing?: boolean;
}

export interface ReportSink {
  out(text: string): void;
  err(text: string): void;
}

const ERRNO_TEXT: Readonly<Record<string, string>> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  ELOOP: 'Too many levels of symbolic links',
  EIO: 'Input/output error',
  EPERM: 'Operation not permitted',
  ENAMETOOLONG: 'File name too long',
};

/** Counts one check file's outcomes and prints as coreutils does. `program` prefixes stderr lines. */
export class CheckTally {
  malformed = 0;
  unreadable = 0;
  mismatched = 0;
  matched = 0;
  formatted = 0;

  constructor(
    private readonly sink: ReportSink,
    private readonly checkFile: string,
    private readonly flags: CheckFlags,
    /** What the file's lines are of (`--algo`, else its lines say), named in --warn's messages as coreutils does. */
    private readonly algorithm: DigestKind | undefined,
    private readonly program = 'pario',
  ) {}

  improperLine(lineNumber: number): void {
    this.malformed += 1;
    if (this.flags.warn) {
      const kind = this.algorithm === undefined ? '' : `${digestTag(this.algorithm)} `;
      this.sink.err(`${this.program}: ${quoteName(this.checkFile)}: ${lineNumber}: improperly formatted ${kind}checksum line\n`);
    }
  }

  /** A properly formatted line whose file could not be opened or read. */
  unreadableFile(name: string, code: string, message: string): void {
    this.formatted += 1;
    if (this.flags.ignoreMissing && code === 'ENOENT') return;
    this.unreadable += 1;
    this.sink.err(`${this.program}: ${quoteName(name)}: ${errnoText(code, message)}\n`);
    if (!this.flags.status) this.sink.out(`${checkDisplayName(name)}: FAILED open or read\n`);
  }

  compared(name: string, match: boolean): void {
    this.formatted += 1;
    if (match) this.matched += 1;
    else this.mismatched += 1;
    if (this.flags.status) return;
    if (!match) this.sink.out(`${checkDisplayName(name)}: FAILED\n`);
    else if (!this.flags.quiet) this.sink.out(`${checkDisplayName(name)}: OK\n`);
  }

  /** Prints the summary and says whether this check file passed. */
  finish(): boolean {
    const file = quoteName(this.checkFile);
    if (this.formatted === 0) {
      this.sink.err(`${this.program}: ${file}: no properly formatted checksum lines found\n`);
    } else if (!this.flags.status) {
      if (this.malformed > 0) this.warning(this.malformed, 'line is improperly formatted', 'lines are improperly formatted');
      if (this.unreadable > 0) this.warning(this.unreadable, 'listed file could not be read', 'listed files could not be read');
      if (this.mismatched > 0) this.warning(this.mismatched, 'computed checksum did NOT match', 'computed checksums did NOT match');
      if (this.flags.ignoreMissing && this.matched === 0) this.sink.err(`${this.program}: ${file}: no file was verified\n`);
    }
    return (
      this.formatted > 0 &&
      this.mismatched === 0 &&
      this.unreadable === 0 &&
      (!this.flags.strict || this.malformed === 0) &&
      (!this.flags.ignoreMissing || this.matched > 0)
    );
  }

  private warning(count: number, one: string, many: string): void {
    this.sink.err(`${this.program}: WARNING: ${count} ${count === 1 ? one : many}\n`);
  }
}

/** The C library's wording of an error code ("No such file or directory"), as coreutils prints it. */
export function errnoText(code: string, message: string): string {
  return ERRNO_TEXT[code] ?? message.charAt(0).toUpperCase() + message.slice(1);
}
