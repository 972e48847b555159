// The elements' JSX typings: attributes, properties and every latch-* event with its class.
import 'latchkey/react';
