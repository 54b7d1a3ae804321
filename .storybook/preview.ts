/**
 * Every story: the elements defined, controls from custom-elements.json, and toolbars for the
 * theme (a `peer-theme-*` class on the page, which themes every element under it: light, dark, or
 * auto, which follows the system), the language (English, German) and the direction (left to
 * right, right to left).
 */
import type { Decorator, Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components';
import { withThemeByClassName } from '@storybook/addon-themes';
import { withActions } from 'storybook/actions/decorator';
import manifest from '../custom-elements.json' with { type: 'json' };
import { loadTranslation } from '../src/elements/localize/translations.js';
import '../src/elements/peer-room/define.js';
import '../src/elements/peer-list/define.js';
import '../src/elements/peer-chat/define.js';
import '../src/elements/peer-identity/define.js';
import '../src/elements/peer-call/define.js';

setCustomElementsManifest(manifest);

/** The language and direction chosen in the toolbar, on the page's root: the elements follow `lang` and `dir` there. */
const withLocale: Decorator = (story, context) => {
  const { locale, direction } = context.globals as { locale?: string; direction?: string };
  const root = document.documentElement;
  root.lang = locale ?? 'en';
  root.dir = direction ?? 'ltr';
  void loadTranslation(root.lang);
  return story();
};

const THEMES = { light: 'peer-theme-light', dark: 'peer-theme-dark', auto: 'peer-theme-auto' };

/**
 * The theme's class on the page's root before the story renders. The themes addon sets it in an
 * effect, after the first render: every element first painted light, then faded to dark through
 * its colour transitions (the story test's axe caught buttons half-way, at 3.78:1 and 4.35:1).
 */
const withThemeFirst: Decorator = (story, context) => {
  const chosen = THEMES[(context.globals as { theme?: keyof typeof THEMES }).theme ?? 'light'] ?? THEMES.light;
  const root = document.documentElement;
  for (const name of Object.values(THEMES)) root.classList.toggle(name, name === chosen);
  return story();
};

const preview: Preview = {
  // A docs page per element: its description, every story, and the API from the manifest.
  tags: ['autodocs'],
  parameters: {
    controls: { expanded: true },
    // The accessibility panel runs axe on every story; the story test fails on any violation.
    a11y: { test: 'error' },
  },
  globalTypes: {
    locale: {
      description: 'Language of the elements',
      toolbar: { title: 'Language', icon: 'globe', items: [{ value: 'en', title: 'English' }, { value: 'de', title: 'Deutsch' }], dynamicTitle: true },
    },
    direction: {
      description: 'Text direction',
      toolbar: { title: 'Direction', icon: 'transfer', items: [{ value: 'ltr', title: 'Left to right' }, { value: 'rtl', title: 'Right to left' }], dynamicTitle: true },
    },
  },
  initialGlobals: { locale: 'en', direction: 'ltr' },
  decorators: [withActions, withLocale, withThemeFirst, withThemeByClassName({ themes: THEMES, defaultTheme: 'light' })],
};
export default preview;
