// vue-tsc (strict templates) needs TypeScript's JS API, which the project's TypeScript 7 (native) does not
// have; it runs on the TypeScript 6 of demo/frameworks/typescript. Arguments as for tsc.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const typescript6 = createRequire(require.resolve('latchkey-frameworks-typescript/package.json'));
require('vue-tsc').run(typescript6.resolve('typescript/lib/tsc'));
