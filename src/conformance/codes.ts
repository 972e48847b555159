import { exec } from 'node:child_process';
import { promisify } from 'node:util';

// Where the runner reads a one-time code the backend mailed: a development outbox (`/dev/mailbox.json`,
// newest first, `{ to, code }` per message) or a command the team supplies (`--code-command 'cmd {email}'`).

const run = promisify(exec);

/** Reads the newest code mailed to an address that the run has not used yet; `undefined` when none came. */
export type CodeReader = (email: string, used: ReadonlySet<string>) => Promise<string | undefined>;

/** How long a code may take to arrive: mail may be sent after the answer. */
const ARRIVAL_MS = 3000;
const POLL_MS = 100;

/** The dev outbox at `url`: an array of `{ to, code, channel? }`, newest first. */
export function mailboxReader(url: string): CodeReader {
  return (email, used) =>
    poll(async () => {
      const response = await fetch(url, { headers: { Accept: 'application/json' } });
      if (!response.ok) throw new Error(`the mailbox ${url} answered ${response.status}`);
      const mails = (await response.json()) as Array<{ to?: string; code?: string | null; channel?: string }>;
      const wanted = email.toLowerCase();
      const newest = mails.find((mail) => mail.to?.toLowerCase() === wanted && (mail.channel ?? 'email') === 'email' && typeof mail.code === 'string');
      return newest?.code && !used.has(newest.code) ? newest.code : undefined;
    });
}

/** A shell command whose output is the code; `{email}` in it becomes the address (shell-quoted). */
export function commandReader(command: string): CodeReader {
  return (email, used) =>
    poll(async () => {
      const { stdout } = await run(command.replaceAll('{email}', `'${email.replaceAll("'", "'\\''")}'`), { timeout: 10_000 });
      const code = stdout.trim();
      return code && !used.has(code) ? code : undefined;
    });
}

async function poll(read: () => Promise<string | undefined>): Promise<string | undefined> {
  const until = Date.now() + ARRIVAL_MS;
  for (;;) {
    const code = await read();
    if (code || Date.now() > until) return code;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
