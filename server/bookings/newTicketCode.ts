import { randomBytes } from 'node:crypto';
import { TICKET_ALPHABET, TICKET_CODE_LENGTH } from '../protocol/booking.ts';

/**
 * A fresh ticket code: 20 Crockford base32 symbols from crypto.randomBytes, 100 bits. Each
 * byte's low 5 bits pick a symbol; 32 divides 256, so every symbol is equally likely.
 */
export function newTicketCode(): string {
  const bytes = randomBytes(TICKET_CODE_LENGTH);
  let code = '';
  for (const b of bytes) code += TICKET_ALPHABET[b & 31];
  return code;
}
