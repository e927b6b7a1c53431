import jsQR from 'jsqr';
import type { Locator, Page } from 'playwright-core';

/** A QR code as the page draws it, read back by a QR decoder from a screenshot: what a phone's camera would get. */
export async function readQr(page: Page, qr: Locator): Promise<string | undefined> {
  const png = await qr.screenshot();
  const pixels = (await page.evaluate(`(async () => {
    const bytes = Uint8Array.from(atob('${png.toString('base64')}'), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    context.drawImage(bitmap, 0, 0);
    const data = context.getImageData(0, 0, bitmap.width, bitmap.height);
    return { width: data.width, height: data.height, data: Array.from(data.data) };
  })()`)) as { width: number; height: number; data: number[] };
  return jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height)?.data;
}
