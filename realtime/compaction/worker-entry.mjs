// The compaction thread's entry. Compaction is background work: on Linux the thread first lowers its
// own scheduling priority (nice 19; setpriority on a thread id applies to that thread only), before
// loading anything, so on a busy machine the cores go first to the thread forwarding edits.
// Elsewhere it keeps the default.
import { readlinkSync } from 'node:fs'
import { setPriority } from 'node:os'
// A worker thread starts without its parent's TypeScript loader (vitest, or a parent not started by
// tsx): register tsx here, then load the worker itself.
import { register } from 'tsx/esm/api'

try {
  const threadId = Number(readlinkSync('/proc/thread-self').split('/').at(-1))
  if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, 19)
} catch {
  // Not Linux, or not allowed: compaction runs at the server's priority.
}

register()
await import('./worker.ts')
