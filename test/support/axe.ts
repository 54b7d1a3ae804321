/** Runs axe-core on an element (its shadow DOM included) and returns the violations, readable. */
import axe, { type RuleObject } from 'axe-core';

/** `rules` turns single rules off or on (`{ 'color-contrast': { enabled: false } }`). */
export async function accessibilityViolations(element: Element, rules?: RuleObject): Promise<string[]> {
  const results = await axe.run(element, { resultTypes: ['violations'], ...(rules ? { rules } : {}) });
  return results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length} nodes)`);
}

/** `element`'s accessible name as axe computes it (the name a screen reader announces), shadow DOM included. */
export function accessibleName(element: Element): string {
  axe.setup(element.ownerDocument);
  try {
    return axe.commons.text.accessibleText(element);
  } finally {
    axe.teardown();
  }
}
