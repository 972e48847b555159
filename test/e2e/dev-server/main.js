// The app's entry, as a framework app would have it: the npm package (aliased to the built dist/).
import 'latchkey';
