/**
 * The page the pictures of one scene are taken of: `?scene=<name>` renders it once per variant,
 * each on its own stage (`.stage[data-variant=…]`), and sets `window.sceneReady` once all show with
 * their fonts loaded, or `window.sceneError`. One page per scene, not per picture: loading the
 * page's modules is most of a picture's cost.
 */
import { scenes, variants, type SceneName } from './matrix.js';
import { renderScene } from './scenes.js';

declare global {
  interface Window {
    sceneReady?: boolean;
    sceneError?: string;
  }
}

function sceneParam(): SceneName {
  const value = new URLSearchParams(location.search).get('scene');
  if (!scenes.includes(value as SceneName)) throw new Error(`?scene= must be one of ${scenes.join(', ')}`);
  return value as SceneName;
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/**
 * Loads the pictures' fonts before anything renders: a native control (the address book's
 * `<select>`) drawn in a fallback font while they load is not always redrawn when they arrive.
 */
async function loadFonts(): Promise<void> {
  const text = 'Aa0é–“”…';
  const faces = ['400 16px Inter', '600 16px Inter', '400 16px "Noto Sans Mono"'];
  await Promise.all([...faces.map((font) => document.fonts.load(font, text)), document.fonts.load('16px "Noto Emoji"', '👋')]);
}

async function show(): Promise<void> {
  const scene = sceneParam();
  await loadFonts();
  await Promise.all(
    variants.map((variant) => {
      const stage = document.createElement('div');
      stage.className = 'stage';
      stage.dataset.scene = scene;
      stage.dataset.variant = variant;
      stage.setAttribute('theme', variant === 'dark' ? 'dark' : 'light');
      if (variant === 'rtl') stage.setAttribute('dir', 'rtl');
      document.body.append(stage);
      return renderScene(scene, stage);
    }),
  );
  // Fonts load as text needing them is laid out (inside shadow roots too): lay out, then wait for them.
  await nextFrame();
  await document.fonts.ready;
  await nextFrame();
  await nextFrame();
}

show().then(
  () => (window.sceneReady = true),
  (error: Error) => (window.sceneError = error.stack ?? String(error)),
);
