import { LoadingBlock } from '../../app/LoadingBlock.tsx';
import { formatDay } from '../../booking/formatVisitTime.ts';
import { useBookingMessages } from '../../booking/useBookingMessages.ts';
import { describeError } from '../describeError.ts';
import { useHostMessages } from '../useHostMessages.ts';
import { useHostBookingApi } from './useHostBookingApi.ts';
import { useLoaded } from './useLoaded.ts';

/** Ratings and comments visitors left after their visit, newest first. */
export function FeedbackPage({ placeId }: { placeId: string }) {
  const { b, lang } = useBookingMessages();
  const { m, t } = useHostMessages();
  const api = useHostBookingApi();
  const [fb, reload] = useLoaded(() => api.feedback(placeId), [api, placeId]);
  if (fb.state === 'loading') return <LoadingBlock />;
  if (fb.state === 'error')
    return (
      <p className="host-error" role="alert">
        {describeError(m, fb.error)} <button onClick={reload}>{t.retry}</button>
      </p>
    );
  const f = fb.data;
  if (f.count === 0) return <p className="empty-state">{b.noFeedback}</p>;
  return (
    <>
      {f.averageRating != null && <p className="price">{b.average(f.averageRating.toFixed(1), f.count)}</p>}
      <ul className="feedback-list" style={{ listStyle: 'none', padding: 0 }}>
        {f.items.map((i) => (
          <li key={i.code} className="host-section" style={{ borderBottom: '1px solid #e3e5e8', padding: '0.6rem 0' }}>
            <strong aria-label={b.stars(i.rating)}>
              <span aria-hidden="true">{'★'.repeat(i.rating) + '☆'.repeat(5 - i.rating)}</span>
            </strong>{' '}
            {i.name} · <span className="hint">{formatDay(i.slotStart, lang, 'Asia/Shanghai')}</span>
            {i.comment && <blockquote style={{ margin: '0.25rem 0 0 0' }}>{i.comment}</blockquote>}
          </li>
        ))}
      </ul>
    </>
  );
}
