import { render, type CSSResult, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { mountLightBody } from '../styles/adopt.js';
import { focusAndSelect } from './focus.js';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * An element's light-DOM form, shared by every element with credential inputs: the inputs live in the light
 * DOM inside a real `<form>` so password managers and autofill reach them (the card and the live regions stay
 * in the shadow root). It mounts the container and its styles, draws into it, and moves focus inside it.
 */
export class LightFormController implements ReactiveController {
  /** The light-DOM container (class `latch-body`), slotted into the element's card. */
  readonly body = document.createElement('div');
  /** What to focus once the next draw is on screen. */
  private next: string | undefined;

  constructor(
    private readonly host: Host,
    private readonly styles: CSSResult,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // On every connection: a page may move the element to another root, which needs the styles too.
    mountLightBody(this.host, this.body, this.styles);
  }

  /** Draws the form (event listeners are bound to the element), then focuses what {@link focusNext} named. */
  render(template: TemplateResult): void {
    render(template, this.body, { host: this.host });
    if (this.next === undefined) return;
    const selector = this.next;
    this.next = undefined;
    focusAndSelect(this.query(selector));
  }

  /** Focuses a control (an input with its text selected) once the next draw has put it on screen. */
  focusNext(selector: string): void {
    this.next = selector;
  }

  query<E extends HTMLElement = HTMLElement>(selector: string): E | null {
    return this.body.querySelector<E>(selector);
  }

  /** Focuses the first control a step marked `data-autofocus`, else `fallback` (a heading). */
  focusFirst(fallback?: HTMLElement | null): void {
    (this.query('[data-autofocus]') ?? fallback)?.focus();
  }

  /** Focuses the field marked invalid, its text selected for correction. */
  focusInvalid(): void {
    focusAndSelect(this.query('[aria-invalid="true"]'));
  }
}
