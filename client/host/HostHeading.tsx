import { useEffect, useRef } from 'react';

/**
 * A page's h1. It takes focus when the page opens, so a screen reader announces where an
 * in-app link led (a full page load would have done that by itself).
 */
export function HostHeading({ children, id }: { children: React.ReactNode; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // The link that led here is gone with the old page; never steal focus from a field.
    if (!document.activeElement || document.activeElement === document.body) ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} id={id} className="host-h1">
      {children}
    </h1>
  );
}
