import { useEffect } from 'react';

/** Sets the tab title; screen readers announce it on navigation. */
export function useTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Vantage` : 'Vantage';
  }, [title]);
}
