#!/usr/bin/env node
// Draws Agent Desk's icons without external tools: PNGs written with node:zlib, ICOs wrapping PNGs.
// Run `node build/make-icons.mjs` after changing a glyph; the generated files are committed.
//
// Tray: one glyph per tray-model state, each a different shape so it reads without colour too:
//   ready = disc, paused = disc with two bars cut out, on-call = ring around a dot,
//   ringing = dot inside a broken ring, wrapup = half-filled ring, logged-out = ring, offline = slashed ring.
// Variants: `light` (dark ink, for light panels), `dark` (light ink, for dark panels), `Template`
// (black on transparent, macOS tints it). 16 px plus @2x; Windows gets an .ico with 16/24/32/48.
// App: icon.png 512, icons/256x256.png and 512x512.png (Linux), icon.ico (16/32/48/256).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

// ---- Encoding ---------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** RGBA pixels (width*height*4 bytes) → PNG file bytes. */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** [{size, png}] → ICO file bytes (PNG-compressed entries, Windows Vista and later). */
export function encodeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry[0] = size >= 256 ? 0 : size;
    entry[1] = size >= 256 ? 0 : size;
    entry.writeUInt16LE(1, 4); // planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

// ---- Drawing ----------------------------------------------------------------------------------

const disc = (r) => (x, y) => x * x + y * y <= r * r;
const ring = (inner, outer) => (x, y) => {
  const d = x * x + y * y;
  return d <= outer * outer && d >= inner * inner;
};
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const union =
  (...shapes) =>
  (x, y) =>
    shapes.some((shape) => shape(x, y));
const minus = (shape, hole) => (x, y) => shape(x, y) && !hole(x, y);
const intersect = (a, b) => (x, y) => a(x, y) && b(x, y);

export const GLYPHS = {
  ready: disc(0.8),
  paused: minus(disc(0.85), union(rect(-0.38, -0.45, -0.12, 0.45), rect(0.12, -0.45, 0.38, 0.45))),
  'on-call': union(ring(0.58, 0.88), disc(0.32)),
  ringing: union(
    disc(0.36),
    minus(ring(0.6, 0.88), union(rect(-1, -0.18, -0.5, 0.18), rect(0.5, -0.18, 1, 0.18))),
  ),
  wrapup: union(ring(0.62, 0.88), intersect(disc(0.88), rect(0, -1, 1, 1))),
  'logged-out': ring(0.6, 0.86),
  offline: union(
    ring(0.6, 0.86),
    intersect(disc(0.9), (x, y) => Math.abs(x - y) <= 0.16),
  ),
};

export const COLOURS = {
  light: {
    ready: '#1a7f37',
    paused: '#bc4c00',
    'on-call': '#cf222e',
    ringing: '#0969da',
    wrapup: '#8250df',
    'logged-out': '#57606a',
    offline: '#6e7781',
  },
  dark: {
    ready: '#3fb950',
    paused: '#f0883e',
    'on-call': '#f85149',
    ringing: '#58a6ff',
    wrapup: '#bc8cff',
    'logged-out': '#b1bac4',
    offline: '#8b949e',
  },
};

/** Rasterises a shape (in [-1,1]², y down) at `size` px, 4×4 samples per pixel for smooth edges. */
export function rasterise(shape, size, hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const pixels = Buffer.alloc(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const x = ((px + (sx + 0.5) / samples) / size) * 2 - 1;
          const y = ((py + (sy + 0.5) / samples) / size) * 2 - 1;
          if (shape(x, y)) hits += 1;
        }
      }
      const i = (py * size + px) * 4;
      pixels[i] = r;
      pixels[i + 1] = g;
      pixels[i + 2] = b;
      pixels[i + 3] = Math.round((255 * hits) / (samples * samples));
    }
  }
  return pixels;
}

const png = (shape, size, hex) => encodePng(size, size, rasterise(shape, size, hex));

/** The app icon: a blue disc with a white headset-like glyph (a ring over a small dot). */
function appIcon(size) {
  const background = rasterise(disc(0.96), size, '#0969da');
  const glyph = rasterise(
    union(
      intersect(ring(0.42, 0.56), rect(-1, -1, 1, 0.1)),
      rect(-0.56, -0.05, -0.36, 0.35),
      rect(0.36, -0.05, 0.56, 0.35),
      disc(0.14),
    ),
    size,
    '#ffffff',
  );
  // Alpha-composite the glyph over the background.
  for (let i = 0; i < background.length; i += 4) {
    const a = glyph[i + 3] / 255;
    for (let c = 0; c < 3; c += 1)
      background[i + c] = Math.round(glyph[i + c] * a + background[i + c] * (1 - a));
  }
  return encodePng(size, size, background);
}

export function generate(outDir) {
  const files = new Map();
  const trayDir = join(outDir, 'tray');
  for (const [state, shape] of Object.entries(GLYPHS)) {
    for (const variant of ['light', 'dark']) {
      const hex = COLOURS[variant][state];
      files.set(join(trayDir, `tray-${state}-${variant}.png`), png(shape, 16, hex));
      files.set(join(trayDir, `tray-${state}-${variant}@2x.png`), png(shape, 32, hex));
      files.set(
        join(trayDir, `tray-${state}-${variant}.ico`),
        encodeIco([16, 24, 32, 48].map((size) => ({ size, png: png(shape, size, hex) }))),
      );
    }
    files.set(join(trayDir, `tray-${state}Template.png`), png(shape, 16, '#000000'));
    files.set(join(trayDir, `tray-${state}Template@2x.png`), png(shape, 32, '#000000'));
  }
  files.set(join(outDir, 'icon.png'), appIcon(512));
  files.set(join(outDir, 'icons', '256x256.png'), appIcon(256));
  files.set(join(outDir, 'icons', '512x512.png'), appIcon(512));
  files.set(
    join(outDir, 'icon.ico'),
    encodeIco([16, 32, 48, 256].map((size) => ({ size, png: appIcon(size) }))),
  );
  for (const [file, bytes] of files) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  return [...files.keys()];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const written = generate(dirname(fileURLToPath(import.meta.url)));
  console.log(`make-icons: wrote ${written.length} files`);
}
