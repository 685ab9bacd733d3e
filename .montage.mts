import sharp from 'sharp';
const files = process.argv.slice(3);
const out = process.argv[2];
const tiles = await Promise.all(files.map((f) => sharp(f).resize(390, 844, { fit: 'contain', background: '#fff' }).png().toBuffer()));
await sharp({ create: { width: 400 * files.length, height: 844, channels: 3, background: '#fff' } }).composite(tiles.map((t, i) => ({ input: t, left: i * 400, top: 0 }))).png().toFile(out);
