/**
 * How much input kubegate accepts before it refuses with a clear exit-2 message instead of
 * exhausting memory or the call stack. Each limit has a CLI flag to raise it.
 */
export interface LoadLimits {
  /** Bytes of one file or of standard input (--max-file-size, in MiB). */
  maxFileBytes: number;
  /** Nesting of maps and lists in one document (--max-depth). */
  maxDepth: number;
  /** Keys of one map, items of one list (--max-keys). */
  maxKeys: number;
  /** Documents of one side of a change (--max-documents). */
  maxDocuments: number;
  /** Nodes one document may expand to, aliases expanded ("billion laughs"). */
  maxNodes: number;
}

export const DEFAULT_LIMITS: LoadLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxDepth: 100,
  maxKeys: 20_000,
  maxDocuments: 1_000_000,
  maxNodes: 1_000_000,
};

/** The flag that raises each limit, for messages. */
export const LIMIT_FLAGS: Record<keyof LoadLimits, string> = {
  maxFileBytes: "--max-file-size <MiB>",
  maxDepth: "--max-depth <n>",
  maxKeys: "--max-keys <n>",
  maxDocuments: "--max-documents <n>",
  maxNodes: "(not adjustable: YAML alias expansion)",
};

export function limitsOf(partial: Partial<LoadLimits> | undefined): LoadLimits {
  return { ...DEFAULT_LIMITS, ...partial };
}
