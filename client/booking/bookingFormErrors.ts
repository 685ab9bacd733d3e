import { NAME_MAX, NOTE_MAX, PARTY_MAX, normalisePhone } from '@protocol';
import type { BookingMessages } from '../i18n/bookingMessages.ts';
import type { BookingApiError } from './BookingApiError.ts';

export type BookingField = 'slotId' | 'name' | 'phone' | 'partySize' | 'note';
export type FieldErrors = Partial<Record<BookingField, string>>;

export interface BookingFormValues {
  slotId: string | null;
  name: string;
  phone: string;
  partySize: string;
  note: string;
}

/**
 * The checks the server makes, before sending: the same phone rules (normalisePhone from
 * the protocol), name, party size and note lengths. Messages in the reader's language.
 */
export function validateBookingForm(v: BookingFormValues, m: BookingMessages, seatsLeft?: number): FieldErrors {
  const errors: FieldErrors = {};
  if (!v.slotId) errors.slotId = m.pickSlot;
  const name = v.name.trim();
  if (!name) errors.name = m.enterName;
  else if ([...name].length > NAME_MAX) errors.name = `≤ ${NAME_MAX}`;
  if (!normalisePhone(v.phone).ok) errors.phone = m.badPhone;
  const party = Number(v.partySize);
  if (!/^\d+$/.test(v.partySize.trim()) || party < 1 || party > PARTY_MAX) errors.partySize = m.badParty(PARTY_MAX);
  else if (seatsLeft !== undefined && party > seatsLeft && seatsLeft > 0) errors.partySize = m.notEnoughSeats(seatsLeft);
  if ([...v.note.trim()].length > NOTE_MAX) errors.note = `≤ ${NOTE_MAX}`;
  return errors;
}

const FIELDS: readonly string[] = ['slotId', 'name', 'phone', 'partySize', 'note'];

/** Strips the API's `field: ` prefix from a message. */
const bare = (field: string, message: string) => (message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message);

/**
 * Field errors from an API refusal: every issue of an invalid body, or the one `field`.
 * English keeps the server's precise sentence; other languages get our translated one.
 */
export function apiFieldErrors(err: BookingApiError, m: BookingMessages, english: boolean): FieldErrors {
  const out: FieldErrors = {};
  const put = (field: string, message: string) => {
    const f = field.split('.')[0];
    if (!FIELDS.includes(f) || out[f as BookingField]) return;
    out[f as BookingField] = english ? bare(field, message) : localFieldMessage(f as BookingField, err, m);
  };
  if (err.issues.length) for (const i of err.issues) put(i.field, i.message);
  else if (err.field) put(err.field, err.message);
  return out;
}

function localFieldMessage(field: BookingField, err: BookingApiError, m: BookingMessages): string {
  if (err.code === 'slot_full') return m.slotFull;
  if (err.code === 'not_enough_seats' && typeof err.details.seatsLeft === 'number') return m.notEnoughSeats(err.details.seatsLeft);
  switch (field) {
    case 'slotId':
      return m.slotGone;
    case 'name':
      return m.enterName;
    case 'phone':
      return m.badPhone;
    case 'partySize':
      return m.badParty(PARTY_MAX);
    default:
      return m.somethingWrong;
  }
}
