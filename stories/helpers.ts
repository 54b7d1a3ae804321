/** Controls and docs for a tag from custom-elements.json (@wc-toolkit/storybook-helpers), with the manifest's quirks mended. */
import { getStorybookHelpers } from '@wc-toolkit/storybook-helpers';

export function helpersFor<T>(tag: string): ReturnType<typeof getStorybookHelpers<T>> {
  const helpers = getStorybookHelpers<T>(tag);
  // A property without an attribute is an object, a list or a function here (messages, strings,
  // store, keyring…). The manifest gives its default as source text ("[]", "{}", "undefined") or
  // none, and the helpers would bind that text (`.keyring=""` broke the room's join): such
  // properties start as the element makes them, and a story sets real values.
  const sourceText = ([name, value]: [string, unknown]) => typeof value === 'string' && helpers.argTypes[name]?.table?.category === 'properties';
  const args = Object.fromEntries(Object.entries(helpers.args).filter((entry) => !sourceText(entry))) as typeof helpers.args;
  return { ...helpers, args };
}
