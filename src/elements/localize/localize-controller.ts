/**
 * The one localization mechanism of every peerkit element: a reactive controller (in the manner
 * of Shoelace's LocalizeController) that gives its element the words, formats and direction of
 * the language it is shown in.
 *
 * Why our own controller and not `@lit/localize`: @lit/localize has one locale per document
 * (`configureLocalization` sets it globally), while a page may show one `<peer-chat lang="de">` in
 * an English page, or a support widget in the customer's language. Here each element resolves
 * its own language, and a translation is a typed table (`Translation`) rather than a build step.
 *
 * The language and direction are the `lang` and `dir` of the element or its closest ancestor that
 * has them — across shadow roots, so an element inside an app's component inherits the
 * component's host — else `<html lang dir>`, else English and left-to-right. (A page that declares
 * no language gets English rather than the browser's language: the elements should speak the
 * page's language, and the browser's may not be it.)
 *
 * When they change: one MutationObserver (for all elements) watches `lang` and `dir` in the
 * whole document — `<html>`, every ancestor and the elements themselves — and, on connect, the
 * shadow roots an element sits in; a change re-renders only the elements whose language or
 * direction it changed. The kit's own languages load the first time an element needs one.
 *
 * Direction needs no work in the templates: CSS `direction` inherits into shadow roots, so
 * logical properties and `:dir(rtl)` already follow. `dir` is here for code that must know (keys).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { canonicalLocale, formatFor, type Format } from './format.js';
import type { Translation, TranslationSection } from './strings.js';
import { boundSection, loadTranslation, onTranslationsChange, translationFor, type Bound } from './translations.js';

type Host = ReactiveControllerHost & HTMLElement;

const WATCHED: MutationObserverInit = { attributes: true, attributeFilter: ['lang', 'dir'], subtree: true };

const connected = new Set<LocalizeController>();
let observer: MutationObserver | undefined;
let unsubscribe: (() => void) | undefined;

function refreshAll(): void {
  for (const controller of connected) controller.refresh();
}

/** The closest value of `attribute` on `element` or an ancestor, stepping out of shadow roots to their hosts. */
function inherited(element: Element, attribute: 'lang' | 'dir'): string | null {
  for (let node: Element | null = element; node; node = node.parentElement ?? (node.parentNode instanceof ShadowRoot ? node.parentNode.host : null)) {
    const value = node.getAttribute(attribute);
    if (value !== null) return value.trim();
  }
  return null;
}

export class LocalizeController implements ReactiveController {
  readonly #host: Host;
  #lang = 'en';
  #dir: 'ltr' | 'rtl' = 'ltr';
  #translation: Translation = translationFor('en');
  readonly #sections = new Map<TranslationSection, { translation: Translation; format: Format; overrides: object | undefined; bound: unknown }>();

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    connected.add(this);
    observer ??= new MutationObserver(refreshAll);
    unsubscribe ??= onTranslationsChange(refreshAll);
    // Observing a node again only renews its options: each shadow root in the chain is watched once.
    let root = this.#host.getRootNode();
    while (root instanceof ShadowRoot) {
      observer.observe(root, WATCHED);
      root = root.host.getRootNode();
    }
    observer.observe(document.documentElement, WATCHED);
    this.#resolve();
  }

  hostDisconnected(): void {
    connected.delete(this);
    if (connected.size === 0) {
      observer?.disconnect();
      observer = undefined;
      unsubscribe?.();
      unsubscribe = undefined;
    }
  }

  /** The language the element is shown in (BCP 47, canonical), e.g. `de-CH`; `en` by default. */
  get lang(): string {
    return this.#lang;
  }

  /** The element's direction, from `dir` on it or an ancestor (`auto` as the browser resolves it). */
  get dir(): 'ltr' | 'rtl' {
    return this.#dir;
  }

  /** Numbers, sizes, plurals and dates in the element's language. */
  get format(): Format {
    return formatFor(this.#lang);
  }

  /**
   * The words of one section in the element's language, English where the translation has no
   * term, then `overrides` (the element's `strings` property) on top; terms that take a Format
   * have it filled in. The same object comes back until the language or the overrides change.
   */
  strings<S extends TranslationSection>(section: S, overrides?: object): Bound<Translation[S]> {
    const translation = this.#translation;
    const format = this.format;
    const cached = this.#sections.get(section);
    if (cached && cached.translation === translation && cached.format === format && cached.overrides === overrides) return cached.bound as Bound<Translation[S]>;
    const bound = boundSection(section, translation, format, overrides);
    this.#sections.set(section, { translation, format, overrides, bound });
    return bound;
  }

  /** Reads the language and direction again; re-renders the element when either, or its translation, changed. */
  refresh(): void {
    const before = [this.#lang, this.#dir, this.#translation] as const;
    this.#resolve();
    if (before[0] !== this.#lang || before[1] !== this.#dir || before[2] !== this.#translation) this.#host.requestUpdate();
  }

  #resolve(): void {
    const host = this.#host;
    const lang = inherited(host, 'lang');
    this.#lang = lang ? canonicalLocale(lang) : 'en';
    const dir = inherited(host, 'dir')?.toLowerCase();
    this.#dir = dir === 'rtl' || dir === 'ltr' ? dir : dir === 'auto' && getComputedStyle(host).direction === 'rtl' ? 'rtl' : 'ltr';
    this.#translation = translationFor(this.#lang);
    if (this.#translation.$code === 'en' && !this.#lang.startsWith('en')) void loadTranslation(this.#lang);
  }
}
