// The elements' typings for templates: GlobalComponents entries with attributes, properties and events.
import 'latchkey/vue';
