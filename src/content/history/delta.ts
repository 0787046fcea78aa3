import { GitObjectError } from './object-error';

/** The sizes a delta starts with (gitformat-pack: "Deltified representation"). */
export interface DeltaHeader {
  readonly baseSize: number;
  readonly resultSize: number;
  /** Where the instructions start. */
  readonly length: number;
}

/** The longest delta header: two sizes of up to ten bytes each. */
export const MAX_DELTA_HEADER_BYTES = 20;

/**
 * Every delta instruction makes at least one byte of its result from at most eight bytes of delta
 * (a copy: command, four offset bytes, three size bytes), and the one that crosses the end is at
 * most a full insert; so a delta longer than this for its result is not one git wrote, and the first
 * `n` result bytes never need more than this much of it.
 */
export function maxDeltaLength(resultBytes: number): number {
  return MAX_DELTA_HEADER_BYTES + 8 * resultBytes + 128;
}

export function parseDeltaHeader(delta: Buffer): DeltaHeader {
  let at = 0;
  const size = (): number => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      if (at >= delta.length || shift > 63)
        throw new GitObjectError('GIT_OBJECT_CORRUPT', 'truncated delta header');
      const byte = delta[at++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
    }
  };
  const baseSize = size();
  const resultSize = size();
  return { baseSize, resultSize, length: at };
}

interface Copy {
  readonly from: number;
  readonly size: number;
}
type Instruction = Copy | Buffer;

/** What making a delta's result takes: its instructions, and how much of the base they copy from. */
export interface DeltaPlan {
  readonly instructions: readonly Instruction[];
  readonly baseNeeded: number;
}

/**
 * The instructions that make the first `wanted` bytes of the result, and how much of the base they
 * copy from (so only that prefix of the base is read). A delta cut short of them is corrupt.
 */
export function planDelta(delta: Buffer, header: DeltaHeader, wanted: number): DeltaPlan {
  const instructions: Instruction[] = [];
  let at = header.length;
  let made = 0;
  let baseNeeded = 0;
  const next = (): number => {
    if (at >= delta.length) throw new GitObjectError('GIT_OBJECT_CORRUPT', 'truncated delta');
    return delta[at++]!;
  };
  while (made < wanted) {
    const command = next();
    if (command & 0x80) {
      let from = 0;
      let size = 0;
      for (let bit = 0; bit < 4; bit++) if (command & (1 << bit)) from += next() * 2 ** (8 * bit);
      for (let bit = 0; bit < 3; bit++) if (command & (16 << bit)) size += next() * 2 ** (8 * bit);
      if (size === 0) size = 0x10000;
      if (from + size > header.baseSize)
        throw new GitObjectError('GIT_OBJECT_CORRUPT', 'delta copies past its base');
      instructions.push({ from, size });
      baseNeeded = Math.max(baseNeeded, from + Math.min(size, wanted - made));
      made += size;
    } else if (command > 0) {
      if (at + command > delta.length) throw new GitObjectError('GIT_OBJECT_CORRUPT', 'truncated delta');
      instructions.push(delta.subarray(at, at + command));
      at += command;
      made += command;
    } else {
      throw new GitObjectError('GIT_OBJECT_CORRUPT', 'reserved delta instruction');
    }
  }
  if (wanted === header.resultSize && (made !== wanted || at !== delta.length)) {
    throw new GitObjectError('GIT_OBJECT_CORRUPT', 'delta result differs from its header');
  }
  return { instructions, baseNeeded };
}

/** The first `wanted` bytes of the result; `base` holds at least the prefix the plan needs. */
export function applyDelta(instructions: readonly Instruction[], base: Buffer, wanted: number): Buffer {
  const result = Buffer.allocUnsafe(wanted);
  let made = 0;
  for (const instruction of instructions) {
    if (made >= wanted) break;
    if (Buffer.isBuffer(instruction)) {
      made += instruction.copy(result, made, 0, Math.min(instruction.length, wanted - made));
    } else {
      const size = Math.min(instruction.size, wanted - made);
      if (instruction.from + size > base.length)
        throw new GitObjectError('GIT_OBJECT_CORRUPT', 'delta base too short');
      made += base.copy(result, made, instruction.from, instruction.from + size);
    }
  }
  if (made !== wanted) throw new GitObjectError('GIT_OBJECT_CORRUPT', 'delta made too little');
  return result;
}
