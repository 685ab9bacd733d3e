import { useCallback, useState } from 'react';

export interface Toast {
  id: number;
  text: string;
}

/** Short notices: the last three at most, each gone after 5 s. */
export function useToasts(): { toasts: Toast[]; toast: (text: string) => void } {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const toast = useCallback((text: string) => {
    const id = Date.now() + Math.random();
    setToasts((ts) => [...ts.slice(-2), { id, text }]);
    setTimeout(() => setToasts((ts) => ts.filter((t) => t.id !== id)), 5000);
  }, []);
  return { toasts, toast };
}
