/**
 * Closes `server` on Ctrl-C or a stop signal, once (a second signal while closing does nothing), and exits with
 * 0, or 1 after printing why closing failed.
 */
export function closeOnSignals(server: { close(): Promise<void> }): void {
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
