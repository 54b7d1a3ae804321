/** Runs axe-core on an element (its shadow DOM included) and returns the violations, readable. */
import axe from 'axe-core';

export async function accessibilityViolations(element: Element): Promise<string[]> {
  const results = await axe.run(element, { resultTypes: ['violations'] });
  return results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length} nodes)`);
}
