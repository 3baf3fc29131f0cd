/**
 * How long a receiver's shutdown waits for in-flight requests to be committed and answered before
 * it cuts the remaining connections (a stalled upload must not hang SIGTERM).
 */
export const SHUTDOWN_GRACE_MS = 15_000;
