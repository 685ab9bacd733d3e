import { useEffect, useRef } from 'react';
import type { TourController } from '../viewer/TourController.ts';

/** A compass needle that shows where north is relative to where you look (朝向 matters to buyers). */
export function Compass({ tour, label }: { tour: TourController; label: string }) {
  const dial = useRef<SVGGElement>(null);
  const text = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    let last = NaN;
    return tour.onFrame(() => {
      const h = Math.round(tour.heading());
      if (h === last) return;
      last = h;
      dial.current?.setAttribute('transform', `rotate(${-h} 20 20)`);
      if (text.current) text.current.textContent = `${(h + 360) % 360}°`;
    });
  }, [tour]);
  return (
    <div className="compass" aria-hidden="true">
      <svg width="40" height="40" viewBox="0 0 40 40">
        <circle cx="20" cy="20" r="18" className="compass-ring" />
        <g ref={dial}>
          <path d="M20 5 L24 20 L16 20 Z" className="compass-north" />
          <path d="M20 35 L24 20 L16 20 Z" className="compass-south" />
          <text x="20" y="4.5" textAnchor="middle" className="compass-n">
            {label}
          </text>
        </g>
      </svg>
      <span ref={text} className="compass-deg" />
    </div>
  );
}
