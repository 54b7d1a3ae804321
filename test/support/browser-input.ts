/**
 * Real keyboard and mouse input (and media emulation) for browser tests, through wtr's built-in
 * commands. Calls them by name over the runner's own socket (`serverCommand`), as
 * @web/test-runner-commands would, since that package's browser module breaks Vite's pre-bundling.
 */
import type * as Commands from '@web/test-runner-commands';
import { serverCommand } from './server-commands.js';

export async function sendKeys(payload: Parameters<typeof Commands.sendKeys>[0]): Promise<void> {
  await serverCommand('send-keys', payload);
}

export async function sendMouse(payload: Parameters<typeof Commands.sendMouse>[0]): Promise<void> {
  await serverCommand('send-mouse', payload);
}

export async function resetMouse(): Promise<void> {
  await serverCommand('reset-mouse');
}

export async function emulateMedia(media: Parameters<typeof Commands.emulateMedia>[0]): Promise<void> {
  await serverCommand('emulate-media', media);
}
