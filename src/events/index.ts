import { LatchErrorEvent } from './error.js';
import { LatchSignedInEvent } from './signed-in.js';
import { LatchSignedOutEvent } from './signed-out.js';
import { LatchStepEvent } from './step.js';

export { LatchErrorEvent, LatchSignedInEvent, LatchSignedOutEvent, LatchStepEvent };
export type { LoginStep } from './step.js';

declare global {
  interface GlobalEventHandlersEventMap {
    'latch-signed-in': LatchSignedInEvent;
    'latch-signed-out': LatchSignedOutEvent;
    'latch-step': LatchStepEvent;
    'latch-error': LatchErrorEvent;
  }
}
