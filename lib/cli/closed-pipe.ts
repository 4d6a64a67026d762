/**
 * `npm run eval | head`: when the reader closes the pipe early, stop quietly
 * instead of dying with an unhandled EPIPE stack trace.
 */
export function exitQuietlyWhenOutputCloses(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
