#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { commandReader, mailboxReader } from './codes.js';
import type { RunOptions } from './context.js';
import { exitCodeOf, formatJson, formatText } from './report.js';
import { runConformance } from './runner.js';

// `npx latchkey-conformance --issuer URL --client-id ID [...]`: checks a backend against docs/protocol.md §30
// and exits 0 when every requirement passed or was skipped, 1 on a failure, 2 on a usage error.

const USAGE = `Usage: latchkey-conformance --issuer URL --client-id ID [options]

  --issuer URL            the backend's issuer (discovery at URL/.well-known/openid-configuration)
  --client-id ID          a registered public client
  --origin URL            a page origin the backend must allow (CORS checks)
  --redirect-uri URL      the client's redirect URI (default: ORIGIN-or-ISSUER/callback)
  --mailbox URL           a dev outbox to read codes from (JSON array, newest first, {to, code})
  --code-command CMD      a command printing the newest code; {email} is replaced by the address
  --existing-email EMAIL  an address with an account (default: the runner signs one up)
  --email-domain DOMAIN   the domain of the addresses the runner makes up (default: example.com)
  --json                  print the report as JSON
  --help                  this text
`;

/** The options a command line gives, or a usage message. */
export function readArguments(argv: string[]): { options: RunOptions; json: boolean } | { usage: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        issuer: { type: 'string' },
        'client-id': { type: 'string' },
        origin: { type: 'string' },
        'redirect-uri': { type: 'string' },
        mailbox: { type: 'string' },
        'code-command': { type: 'string' },
        'existing-email': { type: 'string' },
        'email-domain': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    return { usage: `${error instanceof Error ? error.message : String(error)}\n\n${USAGE}` };
  }
  if (values.help) return { usage: USAGE };
  if (!values.issuer || !values['client-id'] || !URL.canParse(values.issuer)) return { usage: `--issuer URL and --client-id ID are required\n\n${USAGE}` };
  if (values.mailbox && values['code-command']) return { usage: `give --mailbox or --code-command, not both\n\n${USAGE}` };
  const readCode = values.mailbox ? mailboxReader(values.mailbox) : values['code-command'] ? commandReader(values['code-command']) : undefined;
  const options: RunOptions = {
    issuer: values.issuer,
    clientId: values['client-id'],
    ...(values.origin ? { origin: new URL(values.origin).origin } : {}),
    ...(values['redirect-uri'] ? { redirectUri: values['redirect-uri'] } : {}),
    ...(readCode ? { readCode } : {}),
    ...(values['existing-email'] ? { existingEmail: values['existing-email'] } : {}),
    ...(values['email-domain'] ? { emailDomain: values['email-domain'] } : {}),
  };
  return { options, json: values.json };
}

const read = readArguments(process.argv.slice(2));
if ('usage' in read) {
  const asked = read.usage === USAGE;
  (asked ? process.stdout : process.stderr).write(read.usage);
  process.exit(asked ? 0 : 2);
}
const report = await runConformance(read.options);
process.stdout.write(`${read.json ? formatJson(report) : formatText(report)}\n`);
process.exitCode = exitCodeOf(report);
