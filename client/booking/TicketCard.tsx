import type { Booking } from '@protocol';
import { formatClock, formatVisitTime } from './formatVisitTime.ts';
import { googleCalendarUrl } from './googleCalendarUrl.ts';
import { useBookingMessages } from './useBookingMessages.ts';
import { addressText, placeText } from '../i18n/placeText.ts';

/** The ticket: status, when, where, who, the QR (the server's SVG of the formatted code), calendar links. */
export function TicketCard({ booking: bk }: { booking: Booking }) {
  const { b, lang } = useBookingMessages();
  const live = bk.status === 'confirmed';
  const ticketUrl = new URL(bk.links.ticket, location.origin).href;
  return (
    <article className={`ticket${live ? '' : ' cancelled'}`} aria-labelledby="ticket-place">
      <p className={`ticket-status ${bk.status}`} role="status">
        {!live ? b.cancelledBanner : bk.checkedInAt ? b.checkedInBanner(formatClock(bk.checkedInAt, lang, bk.slot.timezone)) : b.confirmed}
      </p>
      <div className="ticket-body">
        <dl className="facts">
          <dt>{b.when}</dt>
          <dd className="ticket-when">{formatVisitTime(bk.slot.start, lang, bk.slot.timezone, { endIso: bk.slot.end })}</dd>
          <dt>{b.where}</dt>
          <dd>
            <strong id="ticket-place" lang={placeText(lang, bk.place, 'title').lang}>
              {placeText(lang, bk.place, 'title').text}
            </strong>
            <br />
            <span lang={addressText(lang, bk.place).lang}>{addressText(lang, bk.place).text}</span>
          </dd>
          <dt>{b.who}</dt>
          <dd>
            {bk.name} · {b.people(bk.partySize)} · {bk.phone}
          </dd>
        </dl>
        {live && (
          <figure className="ticket-qr">
            <img src={bk.links.qrSvg} alt={b.qrAlt(bk.code)} width={240} height={240} data-testid="ticket-qr" />
            <figcaption>
              <span className="sr-only">{b.ticketCode}: </span>
              <code className="ticket-code" data-testid="ticket-code">
                {bk.code}
              </code>
            </figcaption>
          </figure>
        )}
      </div>
      {live && (
        <>
          <p className="hint">{b.showAtDoor}</p>
          <p className="ticket-links">
            <a className="button" href={bk.links.ics} download>
              {b.downloadIcs}
            </a>
            <a className="button" href={googleCalendarUrl(bk, ticketUrl)} target="_blank" rel="noopener noreferrer">
              {b.addGoogle}
            </a>
          </p>
        </>
      )}
    </article>
  );
}
