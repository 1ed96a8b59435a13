/** One line of a diff: unchanged, inserted or deleted. */
export interface DiffLine {
  kind: 'same' | 'ins' | 'del';
  text: string;
}

/**
 * A line diff by longest common subsequence. A statement is a few hundred lines, so the quadratic table
 * is small; no dependency is needed for it.
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  const width = b.length + 1;
  // lcs[i * width + j]: the length of the longest common subsequence of a[i..] and b[j..].
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i] ?? '' });
      i += 1;
      j += 1;
    } else if (i < a.length && (j === b.length || (lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0))) {
      // Deletions before insertions: the old line reads first, as in every diff people know.
      out.push({ kind: 'del', text: a[i] ?? '' });
      i += 1;
    } else {
      out.push({ kind: 'ins', text: b[j] ?? '' });
      j += 1;
    }
  }
  return out;
}

/** The changed lines with `context` unchanged lines around each change; null marks lines left out. */
export function withContext(lines: DiffLine[], context = 3): (DiffLine | null)[] {
  const keep = lines.map(() => false);
  lines.forEach((line, index) => {
    if (line.kind === 'same') return;
    for (let k = Math.max(0, index - context); k <= Math.min(lines.length - 1, index + context); k += 1) keep[k] = true;
  });
  const out: (DiffLine | null)[] = [];
  lines.forEach((line, index) => {
    if (keep[index] === true) out.push(line);
    else if (out.at(-1) !== null) out.push(null);
  });
  return out;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  return text.replace(/\n$/, '').split('\n');
}
