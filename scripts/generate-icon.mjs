// Draws the extension icon (images/icon.png, 128x128 RGBA): a shield with a check mark, anti-aliased by
// supersampling. Run once by hand (`node scripts/generate-icon.mjs`) after changing the drawing; the PNG is committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4; // per axis, per pixel
const SHIELD = [37, 99, 235]; // blue
const SHIELD_EDGE = [30, 64, 175]; // darker blue rim
const CHECK = [255, 255, 255];

/** Shield outline in a unit square: flat top with rounded shoulders, sides curving to a point at the bottom. */
function insideShield(x, y, inset) {
  const top = 0.1 + inset;
  const bottom = 0.93 - inset;
  if (y < top || y > bottom) return false;
  const t = (y - top) / (bottom - top);
  // Half-width: full down to 45% of the height, then an ellipse-like taper to the point.
  const full = 0.38 - inset;
  const half = t < 0.45 ? full : full * Math.sqrt(Math.max(0, 1 - ((t - 0.45) / 0.55) ** 2));
  const shoulder = t < 0.08 ? full - (0.08 - t) * 0.6 : half;
  return Math.abs(x - 0.5) <= Math.min(half, shoulder);
}

function distanceToSegment(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

function onCheck(x, y) {
  const a = [0.34, 0.5];
  const b = [0.46, 0.63];
  const c = [0.67, 0.37];
  return Math.min(distanceToSegment(x, y, a, b), distanceToSegment(x, y, b, c)) <= 0.045;
}

/** Colour of one sample point, or undefined outside the shield. */
function sample(x, y) {
  if (!insideShield(x, y, 0)) return undefined;
  if (!insideShield(x, y, 0.035)) return SHIELD_EDGE;
  return onCheck(x, y) ? CHECK : SHIELD;
}

function render() {
  const rgba = Buffer.alloc(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = sample((px + (sx + 0.5) / SAMPLES) / SIZE, (py + (sy + 0.5) / SAMPLES) / SIZE);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered++;
        }
      }
      const offset = (py * SIZE + px) * 4;
      if (covered === 0) continue; // transparent
      rgba[offset] = Math.round(r / covered);
      rgba[offset + 1] = Math.round(g / covered);
      rgba[offset + 2] = Math.round(b / covered);
      rgba[offset + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit depth, RGBA, deflate, no filter method variants, no interlace
  const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) rgba.copy(rows, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4); // filter byte 0
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const target = join(import.meta.dirname, '..', 'images', 'icon.png');
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, encodePng(render()));
console.log(`wrote ${target}`);
