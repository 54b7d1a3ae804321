/**
 * What the pictures show: every element (a scene each) in every variant, and the fixed moment they
 * are taken at. Read by the scene page (browser) and by the shooter (Node), so plain data only.
 */
export const scenes = ['room', 'chat', 'list', 'identity', 'blocks'] as const;
export type SceneName = (typeof scenes)[number];

/** `rtl`: the light theme with `dir="rtl"` (English text: no right-to-left language is shipped). */
export const variants = ['light', 'dark', 'rtl'] as const;
export type VariantName = (typeof variants)[number];

/** The page's clock stands still here (Saturday 14 March 2026, 10:30 UTC): relative times and day dividers read the same every run. */
export const sceneNow = Date.UTC(2026, 2, 14, 10, 30);

/** CSS pixels per image pixel: 1 keeps the committed pictures small. */
export const deviceScaleFactor = 1;

/** A picture's file name: `<scene>-<variant>.png`. */
export function pictureName(scene: SceneName, variant: VariantName): string {
  return `${scene}-${variant}.png`;
}
