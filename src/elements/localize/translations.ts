/**
 * The translations a page knows: English always, German (and any other language the kit ships)
 * loaded the first time an element needs it, and whatever the app registers. Lookups fall back
 * term by term: a language's table, then English, so a missing or broken term shows English words,
 * never a key or a blank.
 */
import { en } from '../locales/en.js';
import type { Format } from './format.js';
import type { Translation, TranslationSection } from './strings.js';

/** Languages the kit ships, loaded on demand: the CDN entry carries English only. */
const shipped: Readonly<Record<string, () => Promise<Translation>>> = {
  de: () => import('../locales/de.js').then((module) => module.de),
};

const registered = new Map<string, Translation>([['en', en]]);
const loading = new Map<string, Promise<boolean>>();
const listeners = new Set<() => void>();

/**
 * Adds translations (or replaces one for the same `$code`); elements showing that language
 * re-render. A regional variant can build on a shipped table: `{ ...de, $code: 'de-CH', … }`.
 */
export function registerTranslation(...translations: Translation[]): void {
  for (const translation of translations) registered.set(translation.$code.toLowerCase(), translation);
  for (const listener of listeners) listener();
}

/** The table for `lang`: its exact tag, else the tag with subtags dropped from the end (`de-CH-u-nu-latn` → `de-CH` → `de`), else English. */
export function translationFor(lang: string): Translation {
  const subtags = lang.toLowerCase().split('-');
  for (let length = subtags.length; length > 0; length--) {
    const table = registered.get(subtags.slice(0, length).join('-'));
    if (table) return table;
  }
  return en;
}

/**
 * Loads the kit's own table for `lang`'s language if it ships one and none is registered yet;
 * resolves to whether a table for it is there. Elements call it themselves; an app may await it
 * before showing them, so the first render is already in that language.
 */
export function loadTranslation(lang: string): Promise<boolean> {
  const language = lang.toLowerCase().split('-')[0]!;
  if (registered.has(language)) return Promise.resolve(true);
  const load = shipped[language];
  if (!load) return Promise.resolve(false);
  let pending = loading.get(language);
  if (!pending) {
    pending = load().then(
      (table) => {
        // The app's own table for this language, registered meanwhile, stays.
        if (!registered.has(language)) registerTranslation(table);
        return true;
      },
      // A chunk that fails to load (offline, a CDN hiccup) leaves English; a later element retries.
      () => {
        loading.delete(language);
        return false;
      },
    );
    loading.set(language, pending);
  }
  return pending;
}

/** Called after every registration; returns the unsubscribe. */
export function onTranslationsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

type Term = string | ((...args: never[]) => string) | Readonly<Record<string, string>>;

/** A term with the element's Format filled in: what templates call. */
export type Bound<T> = {
  readonly [K in keyof T]: T[K] extends (...args: infer A) => string ? (...args: WithoutFormat<A>) => string : T[K];
};
type WithoutFormat<A extends unknown[]> = A extends [...infer Rest, Format] ? Rest : A;

/** `given`'s terms where they have the shape of English's (a record merges key by key), English's elsewhere. */
function merged(english: Record<string, Term>, given: object | undefined): Record<string, Term> {
  if (!given) return english;
  const out: Record<string, Term> = { ...english };
  for (const [key, value] of Object.entries(given) as [string, unknown][]) {
    const base = english[key];
    if (base === undefined || typeof value !== typeof base || value === null) continue;
    if (typeof base === 'object') {
      const words = Object.entries(value as object).filter(([word, text]) => word in base && typeof text === 'string');
      out[key] = { ...base, ...Object.fromEntries(words) };
    } else out[key] = value as Term;
  }
  return out;
}

/**
 * One section of `translation` over English, then `overrides` (an element's `strings`), with
 * every function term bound to `format`. A term that throws or returns no string shows English.
 */
export function boundSection<S extends TranslationSection>(section: S, translation: Translation, format: Format, overrides?: object): Bound<Translation[S]> {
  const english = en[section] as unknown as Record<string, Term>;
  const terms = merged(merged(english, translation === en ? undefined : translation[section]), overrides);
  const bound: Record<string, unknown> = {};
  for (const [key, term] of Object.entries(terms)) {
    if (typeof term !== 'function') {
      bound[key] = term;
      continue;
    }
    const fallback = english[key] as (...args: unknown[]) => string;
    const call = term as (...args: unknown[]) => unknown;
    bound[key] = (...args: unknown[]) => {
      try {
        const text = call(...args, format);
        if (typeof text === 'string') return text;
      } catch {
        // A translation's bug must not break the element: English says it instead.
      }
      return fallback(...args, format);
    };
  }
  return bound as Bound<Translation[S]>;
}
