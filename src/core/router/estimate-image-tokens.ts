import { CanonicalImage } from '../model/canonical-call';

/** An image's prompt tokens, and whether its size was known (else a flagged guess). */
export interface ImageTokens {
  tokens: number;
  estimated: boolean;
}

/** Tokens for an image whose size is unknown: OpenAI's high-detail cost of a 2048×768 image, above Anthropic's ~1600 cap. */
export const UNKNOWN_IMAGE_TOKENS = 1105;

/** Width × height from a base64 PNG, GIF or JPEG header, without decoding the image. */
export function imageSize(image: CanonicalImage): { width: number; height: number } | undefined {
  if (image.kind !== 'base64') return undefined;
  let bytes: Buffer;
  try {
    // Enough for PNG/GIF headers and most JPEG SOF markers.
    bytes = Buffer.from(image.data.slice(0, 88_000), 'base64');
  } catch {
    return undefined;
  }
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47) return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  if (bytes.length >= 10 && bytes.toString('latin1', 0, 3) === 'GIF') return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let i = 2;
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) return undefined;
      const marker = bytes[i + 1] as number;
      const length = bytes.readUInt16BE(i + 2);
      // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { width: bytes.readUInt16BE(i + 7), height: bytes.readUInt16BE(i + 5) };
      i += 2 + length;
    }
  }
  return undefined;
}

/**
 * OpenAI's image rule, used as the estimate for every provider (Anthropic's
 * w×h/750 lands close to it): `low` detail is 85 tokens; otherwise the image is
 * scaled to fit 2048×2048, then its short side to 768, and costs 85 + 170 per
 * 512-px tile. Unknown sizes are a flagged estimate.
 * @see https://platform.openai.com/docs/guides/images-vision#calculating-costs
 * @see https://docs.anthropic.com/en/docs/build-with-claude/vision#calculate-image-costs
 */
export function estimateImageTokens(image: CanonicalImage, detail?: 'auto' | 'low' | 'high'): ImageTokens {
  if (detail === 'low') return { tokens: 85, estimated: false };
  const size = imageSize(image);
  if (!size || size.width <= 0 || size.height <= 0) return { tokens: UNKNOWN_IMAGE_TOKENS, estimated: true };
  let { width, height } = size;
  const fit = Math.min(1, 2048 / Math.max(width, height));
  width *= fit;
  height *= fit;
  const shrink = Math.min(1, 768 / Math.min(width, height));
  width *= shrink;
  height *= shrink;
  const tiles = Math.ceil(width / 512) * Math.ceil(height / 512);
  return { tokens: 85 + 170 * tiles, estimated: false };
}
