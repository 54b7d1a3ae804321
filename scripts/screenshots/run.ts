/**
 * `npm run screenshots`: takes every picture and writes it to docs/images (the README shows them,
 * and the visual tests compare against them). A picture whose pixels did not change is left alone,
 * so rerunning changes nothing in git. `npm run screenshots -- --check` only compares, as the test
 * does, and exits 1 when one differs beyond the tolerance.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { comparePictures, samePixels } from './compare.js';
import { imagesDir, openCamera, pictures } from './shoot.js';

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--check');
if (unknown.length > 0) {
  console.error(`unknown option ${unknown.join(' ')}: \`npm run screenshots\` writes the pictures, \`-- --check\` only compares them`);
  process.exit(2);
}
const check = args.includes('--check');

mkdirSync(imagesDir, { recursive: true });
const camera = await openCamera();
let differing = 0;
let bytes = 0;
try {
  for (const picture of pictures) {
    const path = join(imagesDir, picture.name);
    const taken = await camera.shoot(picture);
    const baseline = existsSync(path) ? readFileSync(path) : undefined;
    if (check) {
      const comparison = baseline ? comparePictures(taken, baseline) : { same: false, summary: 'no baseline' };
      if (!comparison.same) differing++;
      console.log(`${comparison.same ? 'same   ' : 'DIFFERS'} ${picture.name}: ${comparison.summary}`);
      continue;
    }
    const unchanged = baseline !== undefined && samePixels(taken, baseline);
    if (!unchanged) writeFileSync(path, taken);
    bytes += statSync(path).size;
    console.log(`${unchanged ? 'unchanged' : 'written  '} docs/images/${picture.name} (${statSync(path).size} bytes)`);
  }
} finally {
  await camera.close();
}
if (check) process.exit(differing === 0 ? 0 : 1);
console.log(`${pictures.length} pictures, ${bytes} bytes in docs/images`);
