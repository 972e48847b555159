import { LatchError, type ConfigProblem, type LatchErrorCode } from './errors.js';

// Misconfigurations (`LATCH_CONFIG_*`) are the developer's to fix, so besides the widget's message each is
// told in the console, in English, once per page, with the README section that explains the fix.

/** README "Troubleshooting": each code is a heading there, so `#<code in lower case>` is its anchor. */
export const TROUBLESHOOTING_URL = 'https://www.npmjs.com/package/latchkey#troubleshooting';

const told = new Set<string>();

/** A `LATCH_CONFIG_*` error whose `message` says exactly what is wrong; the console hears it once per page. */
export function configError(code: LatchErrorCode, message: string, config: ConfigProblem, cause?: unknown): LatchError {
  const key = `${code} ${message}`;
  if (!told.has(key)) {
    told.add(key);
    console.error(`Latchkey ${code}: ${message}\nHow to fix it: ${TROUBLESHOOTING_URL.replace('#troubleshooting', `#${code.toLowerCase()}`)}`);
  }
  return new LatchError(code, message, { config, cause });
}
