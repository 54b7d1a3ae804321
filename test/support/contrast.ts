/**
 * WCAG 2 colour contrast of CSS colours, in the browser: any colour the browser can compute
 * (`rgb()`, `color(srgb …)` from `color-mix`, system colours) is measured as it paints it.
 */

export interface Rgba {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  readonly a: number;
}

let probe: CanvasRenderingContext2D | undefined;

/**
 * Any CSS colour the browser computes (`rgb()`, `color(srgb …)` from `color-mix`, system colours)
 * as 8-bit sRGB, by painting it: the browser's own conversion, not a parser of ours.
 */
export function rgbaOf(color: string): Rgba {
  probe ??= Object.assign(document.createElement('canvas'), { width: 1, height: 1 }).getContext('2d', { willReadFrequently: true })!;
  probe.clearRect(0, 0, 1, 1);
  probe.fillStyle = '#000000';
  probe.fillStyle = color;
  probe.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = probe.getImageData(0, 0, 1, 1).data;
  return { r: r!, g: g!, b: b!, a: a! / 255 };
}

/** `top` painted over the opaque `bottom`. */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const mix = (upper: number, lower: number) => upper * top.a + lower * (1 - top.a);
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a: 1 };
}

export function luminanceOf({ r, g, b }: Rgba): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrast(a: Rgba, b: Rgba): number {
  const [light, dark] = [luminanceOf(a), luminanceOf(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

export function hex({ r, g, b }: Rgba): string {
  return `#${[r, g, b].map((value) => Math.round(value).toString(16).padStart(2, '0')).join('')}`;
}

/** The WCAG contrast ratio of `foreground` drawn on `background` (a translucent background over white). */
export function contrastRatio(foreground: string, background: string): number {
  const below = over(rgbaOf(background), { r: 255, g: 255, b: 255, a: 1 });
  return contrast(over(rgbaOf(foreground), below), below);
}
