// Registers every <latch-*> element, as an app that installed `latchkey` from npm does.
import 'latchkey';
import { mount } from 'svelte';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
