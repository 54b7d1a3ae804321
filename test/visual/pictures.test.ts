/**
 * The README's pictures still match what the elements render: each is taken again and compared
 * with the committed one (docs/images) within a small tolerance. An intended change of look is
 * committed with new pictures from `npm run screenshots`; on a failure the new picture and a map
 * of what differs are written to a temporary folder named in the message.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { comparePictures } from '../../scripts/screenshots/compare.js';
import { imagesDir, openCamera, pictures, type Camera } from '../../scripts/screenshots/shoot.js';

describe('pictures (docs/images)', () => {
  let camera: Camera;
  before(async () => {
    camera = await openCamera();
  });
  after(async () => {
    await camera?.close();
  });

  for (const picture of pictures) {
    test(`${picture.name} looks as committed`, async () => {
      const baselinePath = join(imagesDir, picture.name);
      assert.ok(existsSync(baselinePath), `no docs/images/${picture.name}: run npm run screenshots`);
      const taken = await camera.shoot(picture);
      const comparison = comparePictures(taken, readFileSync(baselinePath));
      if (!comparison.same) {
        const out = mkdtempSync(join(tmpdir(), 'peerkit-pictures-'));
        writeFileSync(join(out, picture.name), taken);
        if (comparison.diff) writeFileSync(join(out, picture.name.replace(/\.png$/, '.diff.png')), comparison.diff);
        assert.fail(`${picture.name}: ${comparison.summary}; new picture and diff in ${out} (an intended change: npm run screenshots)`);
      }
    });
  }
});
