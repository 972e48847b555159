// Registers the elements: <latch-login> now, the others whenever they first appear.
import 'latchkey';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
