import QRCode from 'qrcode';
import { formatTicketCode } from '../protocol/booking.ts';

/**
 * The ticket's QR code, as SVG or PNG. It encodes the formatted code alone
 * (`ABCDE-FGHJK-…`): every symbol is in QR's alphanumeric set, so the code stays small
 * and scans quickly from a phone screen at the door; the scanner page accepts the same
 * text a host would type.
 */
export async function renderTicketQr(code: string, format: 'svg' | 'png'): Promise<string | Buffer> {
  const text = formatTicketCode(code);
  const opts = { errorCorrectionLevel: 'M' as const, margin: 4 };
  return format === 'svg' ? QRCode.toString(text, { ...opts, type: 'svg' }) : QRCode.toBuffer(text, { ...opts, type: 'png', width: 512 });
}
